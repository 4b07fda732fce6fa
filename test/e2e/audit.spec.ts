import type { Page } from '@playwright/test';
import { expect, openApp, submitViaApi, test } from './fixtures.ts';

const addr = (local: string) => `${local}@direct.practice.example`;

/** Scrolling boxes the keyboard cannot reach: scrollable, but not focusable or not named. */
async function unreachableScrollRegions(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main *')]
      .filter((el) => {
        const style = getComputedStyle(el);
        const scrollsX = el.scrollWidth > el.clientWidth + 1 && /auto|scroll/.test(style.overflowX);
        const scrollsY = el.scrollHeight > el.clientHeight + 1 && /auto|scroll/.test(style.overflowY);
        if (!scrollsX && !scrollsY) return false;
        const named = !!(el.getAttribute('aria-label') || el.getAttribute('aria-labelledby'));
        return el.tabIndex < 0 || !named;
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
  );
}

// 200% zoom halves the CSS viewport: 1280×900 at 200% lays out like 640×450 at a scale of 2.
for (const { name, width, height, scale } of [
  { name: '1280×900', width: 1280, height: 900, scale: 1 },
  { name: '1280×900 at 200% zoom', width: 640, height: 450, scale: 2 },
]) {
  test.describe(name, () => {
    test.use({ viewport: { width, height }, deviceScaleFactor: scale });

    test(`the audit log shows every column, Application IDs instead of internal ids, and no region the keyboard cannot scroll (${name})`, async ({ page, startHost }) => {
      const host = await startHost();
      await openApp(page, host);
      const [ada, bob] = await submitViaApi(page, [
        { first: 'Ada', last: 'Lovelace', directAddress: addr('ada.lovelace') },
        { first: 'Bob', last: 'Babbage', directAddress: addr('bob.babbage') },
      ]);
      await page.getByRole('button', { name: 'Audit log', exact: true }).click();
      const table = page.getByRole('table');
      // Queued, then sent: each submit is audited as it goes.
      await expect(table.locator('tr[data-action="submit"]')).not.toHaveCount(0);

      // Every header and every cell lies inside the window: nothing is cut off on the right.
      const viewportWidth = page.viewportSize()!.width;
      const cells = table.locator('th, td');
      const boxes = await cells.evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
      expect(boxes.length).toBeGreaterThanOrEqual(15);
      for (const box of boxes) {
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(viewportWidth);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      expect(await unreachableScrollRegions(page)).toEqual([]);

      // The Application column names the DPP's Application ID, never the internal row id.
      const submitted = table.locator('tr[data-action="submit"]');
      await expect(submitted.first().getByRole('cell').nth(3)).toHaveText(bob!.applicationId!);
      await expect(submitted.last().getByRole('cell').nth(3)).toHaveText(ada!.applicationId!);
      await expect(table).not.toContainText(bob!.id);
      expect(await table.textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
      // Actions in words.
      await expect(submitted.first().getByRole('cell').nth(2)).toHaveText('Submitted');
    });
  });
}
