import { describe, expect, it } from 'vitest';
import { applicationIdProblem, lookupKind } from '../../electron/contract/lookup-words.ts';
import { certificateTypeOfStatus } from '../../electron/core/dpp/wire.ts';

/** Which certificate a status answer is for (docs/dpp-contract.md, "Which certificate an answer is for"). */
describe('certificateTypeOfStatus', () => {
  it('reads the type from the number’s prefix, in any case', () => {
    expect(certificateTypeOfStatus({ ApplicationId: 'PC-000001', DirectAddress: 'a@direct.example.org' })).toBe('patient');
    expect(certificateTypeOfStatus({ ApplicationId: 'ac-000002', DirectAddress: 'a@direct.example.org' })).toBe('address');
    expect(certificateTypeOfStatus({ ApplicationId: 'OC-000003', DirectAddress: null, DirectDomain: 'north.direct.example.org' })).toBe('organization');
  });

  it('takes a Direct domain without an address as organizational when the number does not tell', () => {
    expect(certificateTypeOfStatus({ ApplicationId: '12345', DirectAddress: null, DirectDomain: 'north.direct.example.org' })).toBe('organization');
    expect(certificateTypeOfStatus({ DirectDomain: 'north.direct.example.org' })).toBe('organization');
  });

  it('does not know when only a Direct address is given (a patient and an address certificate alike), or nothing', () => {
    expect(certificateTypeOfStatus({ ApplicationId: '12345', DirectAddress: 'a@direct.example.org' })).toBeUndefined();
    expect(certificateTypeOfStatus({ ApplicationId: 'XY-1', DirectAddress: 'a@direct.example.org' })).toBeUndefined();
    expect(certificateTypeOfStatus({})).toBeUndefined();
  });

  it('does not trust a prefix the fields contradict', () => {
    expect(certificateTypeOfStatus({ ApplicationId: 'OC-000003', DirectAddress: 'a@direct.example.org' })).toBeUndefined();
    expect(certificateTypeOfStatus({ ApplicationId: 'PC-000001', DirectDomain: 'north.direct.example.org' })).toBeUndefined();
    expect(certificateTypeOfStatus({ ApplicationId: 'AC-000001', DirectAddress: 'a@direct.example.org', DirectDomain: 'north.direct.example.org' })).toBeUndefined();
  });
});

describe('the lookup field: an address or an Application ID', () => {
  it('is an address when it has an @, else a number', () => {
    expect(lookupKind('jane@direct.example.org')).toBe('address');
    expect(lookupKind('jane direct.example.org')).toBe('applicationId');
    expect(lookupKind(' PC-000123 ')).toBe('applicationId');
  });

  it('accepts numbers made of letters, digits and separators, trimmed; refuses anything else in words', () => {
    expect(applicationIdProblem(' PC-000123 ')).toBeUndefined();
    expect(applicationIdProblem('2024.77_a')).toBeUndefined();
    expect(applicationIdProblem('   ')).toBe('Enter a Direct address or an Application ID.');
    expect(applicationIdProblem('A'.repeat(65))).toBe('An Application ID is at most 64 characters.');
    for (const bad of ['PC 123', 'PC-1?x=2', '-PC1', 'PC/1', 'PC-1\u200b']) {
      expect(applicationIdProblem(bad)).toMatch(/^This is neither a Direct address \(it has an @\) nor an Application ID/);
    }
  });
});
