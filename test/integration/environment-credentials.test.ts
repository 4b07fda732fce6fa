import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveOnLoopback } from '../../electron/practice/serve.ts';
import { startTestCore } from '../helpers/core.ts';

/**
 * Issue 12, findings 2 and 9, as an attacker with the Settings form would try them: a stored
 * password must never follow a changed address or username, and a credential HTTP headers cannot
 * carry is refused when it is typed, not discovered later as "could not be reached".
 */
interface Seen {
  userId: string | null;
  password: string | null;
}

/** A loopback server that records the credentials each request carried (and refuses them). */
async function recordingDpp() {
  const seen: Seen[] = [];
  const served = await serveOnLoopback(async (req) => {
    seen.push({ userId: req.headers.get('x-user-id'), password: req.headers.get('x-user-password') });
    return new Response(JSON.stringify({ error: 'unauthorized' }), { status: 401, headers: { 'Content-Type': 'application/json' } });
  });
  return { ...served, seen };
}

let t: Awaited<ReturnType<typeof startTestCore>>;
let honest: Awaited<ReturnType<typeof recordingDpp>>;
let attacker: Awaited<ReturnType<typeof recordingDpp>>;
const SECRET = 'Correct-Horse-42';

beforeAll(async () => {
  honest = await recordingDpp();
  attacker = await recordingDpp();
  t = await startTestCore();
});
afterAll(async () => {
  await t.close();
  await honest.close();
  await attacker.close();
});

const profile = { userId: 'ta.jones', trustedAgent: 'Pat Jones', organizationName: 'Clinic', defaultCountry: 'US' };

async function saveEnv(fields: Record<string, unknown>) {
  return t.dispatch('environments.save', { name: 'Production', baseUrl: honest.url, ...profile, ...fields });
}

async function auditDetails(): Promise<string[]> {
  const list = await t.dispatch('audit.list', { limit: 200 });
  if (!list.ok) throw new Error('audit.list failed');
  return (list.value as { detail: string | null }[]).map((e) => e.detail ?? '');
}

describe('a stored password is bound to the environment’s origin and username', () => {
  let id: string;

  it('stores the password for a new environment', async () => {
    const saved = await saveEnv({ password: SECRET });
    expect(saved).toMatchObject({ ok: true, value: { hasPassword: true } });
    id = (saved as { value: { id: string } }).value.id;
  });

  it('refuses a new address without the password, and the old password never reaches the new host', async () => {
    const moved = await saveEnv({ id, baseUrl: attacker.url });
    expect(moved).toMatchObject({ ok: false, error: { code: 'invalid', fields: { password: [expect.stringMatching(/address changed.*enter the DPP password again/i)] } } });
    await t.dispatch('environments.test', { id });
    expect(attacker.seen.map((s) => s.password)).not.toContain(SECRET);
    // The environment still points at the honest host with its password.
    const list = await t.dispatch('environments.list', undefined);
    expect(JSON.stringify(list)).toContain(honest.url);
    expect(honest.seen.at(-1)?.password).toBe(SECRET);
  });

  it('refuses a new username without the password', async () => {
    const renamed = await saveEnv({ id, userId: 'someone.else' });
    expect(renamed).toMatchObject({ ok: false, error: { fields: { password: [expect.stringMatching(/username .*changed/i)] } } });
  });

  it('keeps the password when only the path under the same origin changes', async () => {
    expect(await saveEnv({ id, baseUrl: `${honest.url}/v2` })).toMatchObject({ ok: true, value: { hasPassword: true } });
  });

  it('takes the move with a new password, and the new host gets only the new password', async () => {
    const moved = await saveEnv({ id, baseUrl: attacker.url, password: 'Fresh-Password-7' });
    expect(moved).toMatchObject({ ok: true, value: { hasPassword: true } });
    await t.dispatch('environments.test', { id });
    expect(attacker.seen.at(-1)?.password).toBe('Fresh-Password-7');
    expect(attacker.seen.map((s) => s.password)).not.toContain(SECRET);
  });

  it('audits every change of address or username with the old and new origin, and no secret', async () => {
    await saveEnv({ id, baseUrl: attacker.url, userId: 'ta.smith', password: 'Third-Password-9' });
    const details = await auditDetails();
    expect(details.some((d) => d.includes(`${honest.url}/v2`) && d.includes(attacker.url) && /address/i.test(d))).toBe(true);
    expect(details.some((d) => d.includes('ta.jones') && d.includes('ta.smith') && /username/i.test(d))).toBe(true);
    for (const secret of [SECRET, 'Fresh-Password-7', 'Third-Password-9']) expect(details.join('\n')).not.toContain(secret);
  });
});

describe('credentials HTTP headers cannot carry are refused when typed', () => {
  const refusals: [string, Record<string, unknown>, string][] = [
    ['a line break in the password', { password: 'abc\r\nX-Evil: 1' }, 'password'],
    ['a NUL in the password', { password: 'abc\u0000def' }, 'password'],
    ['an accented letter in the password', { password: 'pässword-1' }, 'password'],
    ['an emoji in the password', { password: 'pass🔑word' }, 'password'],
    ['a leading space in the password (HTTP drops it)', { password: ' secret' }, 'password'],
    ['a line break in the username', { userId: 'ta\njones', password: SECRET }, 'userId'],
    ['a space in the username', { userId: 'ta jones', password: SECRET }, 'userId'],
  ];
  for (const [what, fields, field] of refusals) {
    it(`refuses ${what}, saying what to change`, async () => {
      const saved = await saveEnv({ name: `Env ${what.length}`, ...fields });
      expect(saved).toMatchObject({ ok: false, error: { code: 'invalid', fields: { [field]: [expect.stringMatching(/HTTP header/)] } } });
    });
  }

  it('accepts every printable ASCII character in a password', async () => {
    let printable = '';
    for (let c = 0x21; c <= 0x7e; c += 1) printable += String.fromCharCode(c);
    expect(await saveEnv({ name: 'Printable', password: `${printable} ${printable}` })).toMatchObject({ ok: true });
  });
});
