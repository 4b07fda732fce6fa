import { expect, openApp, test } from './fixtures.ts';

/**
 * The page's Content Security Policy arrives as an HTTP header, not a <meta> in index.html (a CSP
 * <meta> held back the preload scanner's fetches, issue 14's start-up). This checks the policy is
 * still in force in the served page: an injected inline script and a script from another origin
 * are both refused, and the page reports which directive refused them.
 */
test('the served page refuses inline and foreign scripts under its CSP header', async ({ page, startHost }) => {
  const host = await startHost();
  await openApp(page, host);
  const refused = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    const inline = document.createElement('script');
    inline.textContent = 'window.__inlineRan = true;';
    document.head.append(inline);
    const foreign = document.createElement('script');
    foreign.src = 'http://127.0.0.2:9/evil.js';
    document.head.append(foreign);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { ran: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, violations };
  });
  expect(refused.ran).toBe(false);
  expect(refused.violations).toEqual(expect.arrayContaining(['script-src-elem inline', expect.stringMatching(/^script-src-elem http:\/\/127\.0\.0\.2:9/)]));
  // The meta is gone from the page: the header alone carries the policy.
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveCount(0);
});
