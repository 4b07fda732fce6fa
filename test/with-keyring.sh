#!/usr/bin/env bash
# Run a command against a REAL, throwaway OS keychain: gnome-keyring's Secret Service on a private
# D-Bus session bus, with a fresh, unlocked default keyring.
#
#   dbus-run-session -- bash test/with-keyring.sh npx vitest run
#
# The keyring lives in a temporary directory (never your own ~/.local/share/keyrings), its
# password is the public 'ci-keyring', and it is deleted when the command ends.
set -euo pipefail

die() {
  printf 'with-keyring.sh: %s\n' "$*" >&2
  exit 1
}

[ "$#" -gt 0 ] || die 'usage: dbus-run-session -- bash test/with-keyring.sh <command> [args...]'

command -v gnome-keyring-daemon >/dev/null 2>&1 ||
  die 'gnome-keyring-daemon is not installed. On Debian/Ubuntu: sudo apt-get install -y gnome-keyring dbus-x11 libsecret-1-dev'
command -v dbus-send >/dev/null 2>&1 ||
  die 'dbus-send is not installed. On Debian/Ubuntu: sudo apt-get install -y dbus-x11 (or dbus-bin)'
[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] ||
  die 'no D-Bus session bus. Run me inside a private one: dbus-run-session -- bash test/with-keyring.sh <command>'

bus_call() { # <destination> <object path> <method> [args...]: print the reply, fail if there is none
  local dest=$1 path=$2 method=$3
  shift 3
  dbus-send --session --print-reply --reply-timeout=2000 --dest="$dest" "$path" "$method" "$@" 2>/dev/null
}

# A Secret Service already on this bus is someone's real keyring (a desktop session): never touch it.
if bus_call org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets |
  grep -q 'boolean true'; then
  die 'a Secret Service is already running on this D-Bus session bus (your desktop keyring?). Run me inside a private bus: dbus-run-session -- bash test/with-keyring.sh <command>'
fi

# gnome-keyring keeps keyrings under $XDG_DATA_HOME/keyrings and its control socket under
# $XDG_RUNTIME_DIR; point both at a temporary directory, for the daemon only.
keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/ta-desk-keyring.XXXXXX")
mkdir -m 700 "$keyring_home/data" "$keyring_home/run"
daemon_pid=''

cleanup() {
  if [ -n "$daemon_pid" ]; then kill "$daemon_pid" 2>/dev/null || true; fi
  rm -rf "$keyring_home"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

daemon() {
  XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run" gnome-keyring-daemon "$@"
}

# --unlock reads the password from stdin and, with no keyring yet, creates the "login" keyring
# with it, unlocked; gnome-keyring makes it the default collection (which keytar writes to).
# Without --unlock, creating a keyring needs a GUI prompt, which fails headless.
# Their chatter on stderr ("discover_other_daemon: 1") is shown only when they fail.
log="$keyring_home/daemon.log"
unlock_env=$(printf '%s' 'ci-keyring' | daemon --unlock --components=secrets 2>"$log") ||
  die "gnome-keyring-daemon --unlock failed: $(cat "$log")"
start_env=$(daemon --start --components=secrets 2>"$log") ||
  die "gnome-keyring-daemon --start failed: $(cat "$log")"

# It prints VAR=value lines (GNOME_KEYRING_CONTROL, SSH_AUTH_SOCK with the ssh component).
while IFS= read -r line; do
  case "$line" in
    [A-Z_]*=*) export "${line?}" ;;
  esac
done <<<"$unlock_env"$'\n'"$start_env"

# Ready means: the Secret Service answers, its default alias names a collection, and that
# collection is unlocked. Poll (the daemon forks and registers on the bus asynchronously).
collection=''
for _ in $(seq 1 100); do
  reply=$(bus_call org.freedesktop.secrets /org/freedesktop/secrets org.freedesktop.Secret.Service.ReadAlias string:default || true)
  collection=$(printf '%s\n' "$reply" | sed -n 's/^ *object path "\(.*\)"$/\1/p')
  if [ -n "$collection" ] && [ "$collection" != / ]; then
    locked=$(bus_call org.freedesktop.secrets "$collection" org.freedesktop.DBus.Properties.Get \
      string:org.freedesktop.Secret.Collection string:Locked || true)
    if printf '%s\n' "$locked" | grep -q 'boolean false'; then break; fi
  fi
  collection=''
  sleep 0.1
done
[ -n "$collection" ] ||
  die 'gnome-keyring started, but after 10 s the Secret Service still had no unlocked default collection'

owner=$(bus_call org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets || true)
daemon_pid=$(printf '%s\n' "$owner" | sed -n 's/^ *uint32 \([0-9]*\)$/\1/p')

# Not `exec`: the script stays to stop the daemon and delete the throwaway keyring afterwards.
status=0
"$@" || status=$?
exit "$status"
