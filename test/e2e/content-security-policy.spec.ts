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

/**
 * The first script, its stylesheet and the preview bridge are inside the page (build/inline-entry.ts),
 * allowed by their hashes: the page loads with no violation at all, and the views, which load later
 * from a file, use the same Svelte runtime and app state as the first script (a second copy would
 * leave them deaf to the app's state).
 */
test('the page’s own inline script and style run by their hashes, and later views share their runtime', async ({ page, startHost }) => {
  const host = await startHost();
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const response = await page.goto(host.url);
  await expect(page.locator('#app')).toHaveAttribute('data-app-state', 'ready');
  const csp = (await response!.allHeaders())['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'self'( 'sha256-[\w+/=]+'){2};/);
  expect(csp).toMatch(/style-src 'self' 'sha256-[\w+/=]+';/);
  expect(csp).not.toMatch(/unsafe-inline/);
  // The inline stylesheet applied: the nav's tabs are laid out as the app's CSS says.
  await expect(page.getByRole('navigation', { name: 'Views' })).toHaveCSS('display', 'flex');

  // A view from the later chunk reacts to the first script's state: the outbox count it shows
  // follows a draft saved and the navigation made through the shell.
  await page.getByRole('button', { name: 'Drafts' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Drafts' })).toBeVisible();
  await page.getByRole('button', { name: 'New application' }).click();
  await page.getByLabel('First name').fill('Ada');
  await page.getByRole('button', { name: 'Drafts' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Ada' })).toHaveCount(1);
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
});
