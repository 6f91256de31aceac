/// <reference lib="dom" /> // page functions run in the browser
/**
 * The portal in headless Chromium (Debian's, as the browser tests use it): page size, first
 * render (navigation start to DOMContentLoaded: the inline script renders before it ends) and the
 * time of one search keystroke (the input handler plus the layout it causes), median of several.
 */
import * as fs from 'fs';
import { pathToFileURL } from 'url';
import { chromium } from 'playwright-core';
import { median } from './median';

export interface PortalFigures {
  readonly pageBytes: number;
  readonly firstRenderMs: number;
  readonly keystrokeMs: number;
}

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const CHROMIUM = process.env.GROUNDWORK_CHROMIUM ?? '/usr/bin/chromium';

/** The portal's figures, or undefined (said loudly on stderr) where there is no Chromium to measure it in. */
export async function measurePortal(indexHtml: string, executablePath = CHROMIUM): Promise<PortalFigures | undefined> {
  if (!fs.existsSync(executablePath)) {
    process.stderr.write(`  !! portal NOT measured: no Chromium at ${executablePath} (apt-get install chromium, or set GROUNDWORK_CHROMIUM)\n`);
    return undefined;
  }
  const browser = await chromium.launch({ executablePath, headless: true, args: FLAGS });
  try {
    const renders: number[] = [];
    const keystrokes: number[] = [];
    for (let run = 0; run < 3; run++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(pathToFileURL(indexHtml).href);
      await page.waitForSelector('#search');
      renders.push(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd));
      // Type a query one character at a time, as a person would, timing each keystroke's work.
      keystrokes.push(
        ...(await page.evaluate(() => {
          const input = document.getElementById('search') as HTMLInputElement;
          const times: number[] = [];
          for (const text of ['s', 'sv', 'svc', 'svc-', 'svc-1', 'svc-12', 'svc-1', 'svc', '']) {
            const start = performance.now();
            input.value = text;
            input.dispatchEvent(new Event('input'));
            void document.body.offsetHeight; // the layout the change causes is part of the keystroke
            times.push(performance.now() - start);
          }
          return times;
        })),
      );
      await page.close();
    }
    return { pageBytes: fs.statSync(indexHtml).size, firstRenderMs: Math.round(median(renders)), keystrokeMs: Math.round(10 * median(keystrokes)) / 10 };
  } finally {
    await browser.close();
  }
}
