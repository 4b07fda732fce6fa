import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Spawns a TypeScript file as ONE process (tsx as a loader of this node binary, not the
 * node_modules/.bin/tsx wrapper, whose grandchild would survive a SIGKILL of the wrapper).
 * stdout lines go to `onLine`; stdout and stderr are also appended to `logFile` for the scan.
 */
export function spawnTs(script: string, args: string[], logFile: string, onLine: (line: string) => void = () => undefined): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let pending = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    appendFileSync(logFile, chunk);
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  child.stderr?.on('data', (chunk: Buffer) => appendFileSync(logFile, chunk));
  return child;
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
}

/**
 * The practice DPP in its own process (electron/practice/cli.ts), so it keeps its state while
 * the app's processes are killed around it. Resolves with its URL once it printed it.
 */
export async function startPracticeDppProcess(args: string[], logFile: string): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  let resolveUrl!: (url: string) => void;
  const urlSeen = new Promise<string>((resolve) => (resolveUrl = resolve));
  const child = spawnTs(`${ROOT}electron/practice/cli.ts`, ['--port', '0', ...args], logFile, (line) => {
    const url = /^practice DPP listening on (http:\/\/\S+)$/.exec(line)?.[1];
    if (url) resolveUrl(url);
  });
  const url = await Promise.race([
    urlSeen,
    exited(child).then(({ code }) => Promise.reject(new Error(`the practice DPP exited (${code}) before listening; see ${logFile}`))),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the practice DPP did not start within 20 s')), 20_000).unref()),
  ]);
  return {
    url,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited(child);
      }
    },
  };
}
