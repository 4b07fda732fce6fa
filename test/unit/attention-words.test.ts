import { describe, expect, it } from 'vitest';
import { attentionText } from '../../electron/core/outbox/attention.ts';

describe('what a parked application says when its address or domain is taken', () => {
  it('names a Direct domain for an organizational certificate, and a patient only for a patient certificate', () => {
    expect(attentionText('conflict', 'organization')).toBe('The Direct domain already has a certificate at the DPP. Check the domain, or find it in History.');
    expect(attentionText('conflict', 'address')).toBe('The Direct address is already in use at the DPP. Check the address, or find it in History.');
    expect(attentionText('conflict', 'patient')).toBe('The Direct address is already in use at the DPP. Check the address, or find the patient in History.');
  });
});
