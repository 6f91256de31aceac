import * as fs from 'fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { gate } from './prerequisites';

/** Debian's chromium, installed by .ci/run; GROUNDWORK_CHROMIUM points elsewhere. Never downloaded. */
export const CHROMIUM = process.env.GROUNDWORK_CHROMIUM ?? '/usr/bin/chromium';

/** The browser tests: skipped loudly without Chromium, failed under CI=true (.ci/run installs it). */
export const withChromium = gate({
  id: 'chromium',
  what: 'Chromium',
  missing: fs.existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM}; install Debian's (apt-get install -y chromium, as .ci/run does) or set GROUNDWORK_CHROMIUM.`,
});

/** The flags this closed network needs: without them Chromium keeps calling home and logs refusals. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A fresh headless Chromium with its own empty profile; call it from tests gated by withChromium. */
export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium, as .ci/run does) or set GROUNDWORK_CHROMIUM. The portal's browser tests cannot run without it.`);
  }
  // launch() gives every browser a fresh, empty profile (--user-data-dir) of its own and removes it on close.
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  return { browser, close: () => browser.close() };
}

/** What a page did that it must not: console errors, page errors, requests other than its own file, dialogs. */
export interface PageTrouble {
  readonly consoleErrors: string[];
  readonly requests: string[];
  readonly dialogs: string[];
}

export function watch(page: Page, ownUrl: string): PageTrouble {
  const trouble: PageTrouble = { consoleErrors: [], requests: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') trouble.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => trouble.consoleErrors.push(String(e)));
  page.on('request', (r) => {
    if (r.url() !== ownUrl) trouble.requests.push(r.url());
  });
  page.on('dialog', (d) => {
    trouble.dialogs.push(d.message());
    void d.dismiss();
  });
  return trouble;
}
