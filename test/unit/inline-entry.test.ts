import { describe, expect, it } from 'vitest';
import { ENTRY_EXPORTS_KEY, inlineIntoPage, reassignedExports, reExportModule, splitExports, type BuiltEntry } from '../../build/inline-entry.ts';

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

  describe('the page it writes', () => {
    const page = '<!doctype html><html><head><script type="module" crossorigin src="./index-1.js"></script><link rel="stylesheet" crossorigin href="./index-1.css"></head><body></body></html>';
    const entry = (over: Partial<BuiltEntry> = {}): BuiltEntry => ({
      fileName: 'index-1.js',
      code: 'function a(){return 1}var b={x:1};document.title=String(a());export{a as $,b as B};',
      exports: ['$', 'B'],
      css: { 'index-1.css': 'body{margin:0}' },
      ...over,
    });

    it('puts the entry (with the compile hint) and its stylesheet inside, and leaves a re-exporting module in its file', () => {
      const { html, entryModule } = inlineIntoPage(page, entry(), ['import{$ as e}from"./index-1.js";']);
      expect(html).toContain('<script type="module">//# allFunctionsCalledOnLoad\nfunction a(){return 1}');
      expect(html).toContain(`\n;Object.defineProperty(globalThis,Symbol.for("${ENTRY_EXPORTS_KEY}"),{value:Object.freeze({"$":a,"B":b})});</script>`);
      expect(html).toContain('<style>body{margin:0}</style>');
      expect(html).not.toMatch(/src="\.\/index-1\.js"|href="\.\/index-1\.css"/);
      expect(entryModule).toContain('export{e0 as $,e1 as B}');
    });

    it('refuses an entry whose export clause it cannot read whole (say, a comment after it), as the bundler’s list shows', () => {
      expect(() => inlineIntoPage(page, entry({ code: 'var b=1;export{b as B};\n/* legal */' }), [])).toThrow(/export clause lists 0 names, the bundler 2/);
    });

    it('refuses a source-map comment, whose publishing statement would be swallowed and whose map would point nowhere', () => {
      expect(() => inlineIntoPage(page, entry({ code: 'var b=1;export{b as B};\n//# sourceMappingURL=index-1.js.map', exports: ['B'] }), [])).toThrow(/source map/);
    });

    it('refuses any other inline script or style in the page, and a stylesheet another chunk still names', () => {
      expect(() => inlineIntoPage(page.replace('</head>', '<script>evil()</script></head>'), entry(), [])).toThrow(/already has an inline script/);
      expect(() => inlineIntoPage(page, entry(), ['const deps=["./index-1.css"]'])).toThrow(/another chunk names index-1.css/);
    });
  });
});
