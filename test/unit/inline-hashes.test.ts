import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/core/security/csp.ts';
import { inlineHashes } from '../../electron/core/security/inline-hashes.ts';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('the CSP hashes of a page’s inline script and style', () => {
  const script = 'const é = "ünïcode"; export {};\n';
  const bridge = '(function(){window.taDesk={}})()';
  const style = ':root { color: #111 }';
  const page = `<!doctype html><html><head>
    <meta name="token" content="x">
    <script type="application/json" id="ta-desk-boot">{"info":{}}</script>
    <script>${bridge}</script>
    <script type="module">${script}</script>
    <script type="module" src="./later.js"></script>
    <style>${style}</style>
  </head><body><div id="app"></div></body></html>`;

  it('hashes exactly the text of each inline script and style, as the browser does (UTF-8)', () => {
    expect(inlineHashes(page)).toEqual({ scripts: [hash(bridge), hash(script)], styles: [hash(style)] });
  });

  it('leaves out data blocks and scripts loaded from a file', () => {
    const { scripts } = inlineHashes(page);
    expect(scripts).not.toContain(hash('{"info":{}}'));
    expect(scripts).not.toContain(hash(''));
  });

  it('puts the hashes into script-src and style-src, never unsafe-inline', () => {
    const csp = contentSecurityPolicy({ connectSelf: false, inline: inlineHashes(page) });
    expect(csp).toContain(`script-src 'self' ${hash(bridge)} ${hash(script)};`);
    expect(csp).toContain(`style-src 'self' ${hash(style)};`);
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
  });
});
