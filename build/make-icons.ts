/**
 * Renders build/icon.svg to the PNGs electron-builder needs (it derives .ico and .icns from
 * build/icon.png): build/icon.png (1024) and build/icons/NxN.png for Linux. Uses Debian's
 * Chromium through playwright-core. Run: npx tsx build/make-icons.ts
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

const here = import.meta.dirname;
const svg = readFileSync(resolve(here, 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  mkdirSync(resolve(here, 'icons'), { recursive: true });
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('width="1024" height="1024"', `width="${size}" height="${size}"`)}</body></html>`);
    const out = size === 1024 ? resolve(here, 'icon.png') : resolve(here, 'icons', `${size}x${size}.png`);
    await page.screenshot({ path: out, omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
