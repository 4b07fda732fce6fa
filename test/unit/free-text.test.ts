import { describe, expect, it } from 'vitest';
import { applicationSchema, fieldErrorsFrom } from '../../electron/contract/application.ts';
import { EnvironmentInputSchema } from '../../electron/contract/environments.ts';
import { validApplication } from '../helpers/applications.ts';

/**
 * Issue 12, finding 8: NUL, escape sequences, bidirectional overrides and zero-width characters
 * in names reached the DPP and the CSV exports raw. The contract schema (shared by the form, the
 * IPC boundary and the practice DPP) refuses them, saying what to remove, and stores NFC.
 */
function errorsOf(input: unknown) {
  const result = applicationSchema().safeParse(input);
  return result.success ? {} : fieldErrorsFrom(result.error);
}

const HOSTILE: [string, string, RegExp][] = [
  ['NUL', 'Jane\u0000Doe', /U\+0000/],
  ['an escape sequence', 'Jane\u001b[31mDoe', /U\+001B/],
  ['a C1 control', 'Jane\u0085Doe', /U\+0085/],
  ['DEL', 'Jane\u007fDoe', /U\+007F/],
  ['right-to-left override', 'Jane\u202eeoD', /U\+202E.*right-to-left override/],
  ['a bidi isolate', 'Jane\u2066Doe', /U\+2066/],
  ['a zero-width space', 'Ja\u200bne', /U\+200B.*zero-width space/],
  ['a byte-order mark inside a word (trim already drops one at either end)', 'Ja\ufeffne', /U\+FEFF/],
];

describe('free text refuses control and bidirectional characters', () => {
  for (const [what, value, message] of HOSTILE) {
    it(`refuses ${what} in a patient name, naming what to remove`, () => {
      const errors = errorsOf(validApplication({ firstName: value, fullName: value }));
      expect(errors.firstName?.[0]).toMatch(message);
      expect(errors.firstName?.[0]).toMatch(/^Remove/);
      expect(errors.fullName?.[0]).toMatch(message);
    });
  }

  it('refuses them in every free-text field, notes included', () => {
    for (const field of ['trustedAgent', 'organizationName', 'lastName', 'city', 'notes'] as const) {
      expect(errorsOf(validApplication({ country: 'CA', [field]: 'A\u202eB' }))[field]?.[0], field).toMatch(/U\+202E/);
    }
    expect(errorsOf(validApplication({ country: 'CA', state: 'On\u0000tario' })).state?.[0]).toMatch(/U\+0000/);
  });

  it('keeps line breaks and tabs in notes (a multi-line field) but not in names', () => {
    expect(errorsOf(validApplication({ notes: 'Line one\nLine two\r\n\tindented' }))).toEqual({});
    expect(errorsOf(validApplication({ lastName: 'Doe\nSmith' })).lastName?.[0]).toMatch(/U\+000A/);
  });

  it('normalizes to NFC, so the same name typed two ways is stored once', () => {
    const decomposed = 'Jose\u0301'; // e + combining acute
    const parsed = applicationSchema().parse(validApplication({ firstName: decomposed, fullName: `${decomposed} Doe` }));
    expect(parsed.firstName).toBe('Jos\u00e9');
    expect(parsed.fullName).toBe('Jos\u00e9 Doe');
  });

  it('accepts ordinary international names', () => {
    expect(errorsOf(validApplication({ firstName: 'Zoë', lastName: 'Ōtsuka-Ñúñez', fullName: 'Zoë Ōtsuka-Ñúñez', notes: 'مرحبا 你好' }))).toEqual({});
  });

  it('refuses them in environment settings too (names reach the audit log and the lock screen)', () => {
    const base = { name: 'Prod', baseUrl: 'https://dpp.example.com', userId: 'ta', trustedAgent: 'Pat', organizationName: 'Clinic', defaultCountry: 'US' };
    const result = EnvironmentInputSchema.safeParse({ ...base, name: 'Prod\u202e', trustedAgent: 'P\u0000at' });
    expect(result.success).toBe(false);
    const messages = result.success ? [] : result.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    expect(messages.join('\n')).toMatch(/name: Remove.*U\+202E/);
    expect(messages.join('\n')).toMatch(/trustedAgent: Remove.*U\+0000/);
  });
});
