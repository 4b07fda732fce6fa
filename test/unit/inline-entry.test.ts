import { describe, expect, it } from 'vitest';
import { ENTRY_EXPORTS_KEY, reassignedExports, reExportModule, splitExports } from '../../build/inline-entry.ts';

describe('inlining the renderer’s first script (build/inline-entry.ts)', () => {
  it('reads the entry’s closing export clause, renamed or not', () => {
    const { body, exports } = splitExports('function a(){}var b=1;export{a as $,b,a as "default"};\n');
    expect(body).toBe('function a(){}var b=1;');
    expect(exports).toEqual([
      { local: 'a', exported: '$' },
      { local: 'b', exported: 'b' },
      { local: 'a', exported: 'default' },
    ]);
  });

  it('fails on an exported binding assigned again, the case a re-export would get wrong', () => {
    const code = 'let n=0;function bump(){n++}var c=1;function f(){c=2}var k=3;';
    const exports = ['n', 'bump', 'c', 'k'].map((name) => ({ local: name, exported: name }));
    expect(reassignedExports(code, exports).sort()).toEqual(['c', 'n']);
  });

  it('does not mistake an inner variable that shares a minified name for the exported one', () => {
    const code = 'var e=1;function f(){var e;e=2;let t=0;t+=1;return e+t}function g(e){e=3}';
    expect(reassignedExports(code, [{ local: 'e', exported: 'A' }])).toEqual([]);
  });

  it('leaves a module in the entry’s file that re-exports the published objects under their names', async () => {
    const published = { $: () => 'dollar', A: 42, default: 'd' };
    Object.defineProperty(globalThis, Symbol.for(ENTRY_EXPORTS_KEY), { value: Object.freeze(published), configurable: true });
    try {
      const code = reExportModule(['$', 'A', 'default']);
      const mod = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as Record<string, unknown>;
      expect(mod.$).toBe(published.$);
      expect(mod.A).toBe(42);
      expect(mod.default).toBe('d');
    } finally {
      delete (globalThis as Record<symbol, unknown>)[Symbol.for(ENTRY_EXPORTS_KEY)];
    }
  });

  it('the re-exporting module fails loudly if the first script never ran', async () => {
    const code = reExportModule(['x']);
    await expect(import(`data:text/javascript,${encodeURIComponent(code)}#missing`)).rejects.toThrow('the first script did not run');
  });
});
