import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames } from '../../electron/contract/channels.ts';
import { handlerDomains } from '../../electron/core/handlers/index.ts';
import { startTestCore } from '../helpers/core.ts';

/**
 * The recipe "a channel = schema + handler + test" holds only if every channel has exactly one
 * handler: merging the domains with object spread would let a second one silently win.
 */
let t: Awaited<ReturnType<typeof startTestCore>>;
beforeAll(async () => {
  t = await startTestCore();
});
afterAll(async () => {
  await t.close();
});

describe('handler domains', () => {
  it('serve every channel of the contract, each in exactly one domain', () => {
    const served = handlerDomains(t.parts).flatMap((domain) => Object.keys(domain));
    const twice = served.filter((name, i) => served.indexOf(name) !== i);
    expect(twice).toEqual([]);
    expect([...served].sort()).toEqual([...channelNames].sort());
  });
});
