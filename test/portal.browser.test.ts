/// <reference lib="dom" /> // page functions run in the browser
/**
 * The portal in a real browser: Debian's headless Chromium driven by playwright-core. The page is
 * opened from disk as a person would; screenshots of each view land in test-output/portal/.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Browser, Page } from 'playwright-core';
import { analyse, writeAnalysis } from '../catalog/analyse';
import { adoptionReport } from '../catalog/adoption/adoption-report';
import { readAnalysisOutputs } from '../catalog/adoption/read-outputs';
import { portalHtml } from '../catalog/portal/portal';
import { buildOrganisation } from '../stacks/app';
import { launchChromium, watch, withChromium, type PageTrouble } from './helpers/browser';
import { cleanUp, synth } from './helpers/synth';

const SHOTS = path.join(__dirname, '..', 'test-output', 'portal');
const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '</script>'];
// `</noscript>` too: the no-script tables sit in <noscript>, which a scripted page reads as raw text up to that tag.
const HOSTILE_TEXT = `Hostile ${HOSTILE.join(' ')} </noscript><img src=x onerror=alert(2)> \u2028 & done`;

let browser: Browser;
let closeBrowser: () => Promise<void>;
let outdir: string;
let pageFile: string;

/** A billing month of actual spend beside the output, as `npm run spend` leaves it (a complete spend-report document). */
function writeSpend(dir: string): void {
  const month = '2026-10';
  const row = (name: string, amount: number) => ({ name, total: amount, credits: 0, months: { [month]: amount } });
  const byService = [row('checkout', 1234.5), row('ledger', 310.25), row('storefront-web', 42)];
  const total = byService.reduce((s, r) => s + r.total, 0);
  const document = {
    currency: 'USD',
    costColumn: 'effective',
    sources: [{ file: 'billing/2026-10.csv', format: 'focus', rows: 3 }],
    months: [month],
    total: { amount: total, credits: 0, rows: 3 },
    byMonth: { [month]: total },
    byService,
    byTeam: [row('payments', 1544.75), row('storefront', 42)],
    byCostCenter: [row('CC-2001', 1544.75), row('CC-1001', 42)],
    byEnvironment: [row('production', total)],
    tagCoverage: { owner: 100, service: 100, environment: 100, 'cost-center': 100 },
    unallocated: { amount: 0, topResources: [], topBillingServices: [] },
    contributors: {},
    tagMap: { owner: ['owner'], service: ['service'], environment: ['environment'], 'cost-center': ['cost-center'] },
  };
  fs.mkdirSync(path.join(dir, 'spend'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'spend', 'spend.json'), JSON.stringify(document));
}

/** Someone else's edits to the output: a hostile description and tags, and an unencrypted database (a javascript: link is refused before the portal: test/hostile). */
function makeHostile(dir: string): void {
  for (const stack of fs.readdirSync(path.join(dir, 'stacks'))) {
    const file = path.join(dir, 'stacks', stack, 'cdk.tf.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    const checkout = json['//']?.groundwork?.services?.checkout;
    if (checkout) {
      checkout.description = HOSTILE_TEXT;
      checkout.tags = { ...checkout.tags, 'data-classification': HOSTILE[1], [HOSTILE[0]]: HOSTILE[2] };
    }
    // The front door of shop-api in staging: a forged URL and an alarm name of markup.
    const shopStaging = json['//']?.groundwork?.services?.['shop-api']?.observability?.staging;
    if (shopStaging) {
      shopStaging.url = 'javascript:alert(3)';
      shopStaging.alarmNames = [...shopStaging.alarmNames, HOSTILE[1]];
    }
    for (const db of Object.values<any>(json.resource?.aws_db_instance ?? {})) if (stack === 'staging-aws' && db.tags?.service === 'checkout') db.storage_encrypted = false;
    fs.writeFileSync(file, JSON.stringify(json));
  }
}

async function open(url: string, hash = ''): Promise<{ page: Page; trouble: PageTrouble }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const trouble = watch(page, url);
  await page.goto(url + hash);
  await page.waitForSelector('#app:not([hidden])');
  return { page, trouble };
}

const visibleServices = (page: Page) => page.$$eval('#services-table tbody tr', (rows) => rows.filter((r) => !(r as HTMLElement).hidden).map((r) => r.getAttribute('data-service')));

// Registered only where Chromium is: without it every test is skipped (or, under CI=true, fails saying why).
if (withChromium.available) beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  outdir = synth(buildOrganisation).outdir;
  makeHostile(outdir);
  writeSpend(outdir);
  writeAnalysis(outdir);
  pageFile = pathToFileURL(path.join(outdir, 'catalog', 'index.html')).href;
  ({ browser, close: closeBrowser } = await launchChromium());
});

afterAll(async () => {
  await closeBrowser?.();
  cleanUp();
});

withChromium.test('the page opens from disk with no console errors and no network request', async () => {
  const { page, trouble } = await open(pageFile);
  expect(await page.textContent('#count')).toMatch(/^\d+ of \d+ services$/);
  for (const hash of ['#/teams', '#/cost', '#/adoption', '#/graph', '#/constructor', '#/__proto__', '#/service/checkout', '#/team/payments']) {
    await page.evaluate((h) => (location.hash = h), hash);
    await page.waitForTimeout(50);
  }
  expect(trouble).toEqual({ consoleErrors: [], requests: [], dialogs: [] });
  await page.close();
});

withChromium.test('services: search as you type filters the rows, the hash keeps the view, filters and sorting work', async () => {
  const { page, trouble } = await open(pageFile);
  const all = await visibleServices(page);
  expect(all.length).toBeGreaterThan(5);
  await page.fill('#search', 'ledger');
  expect(await visibleServices(page)).toEqual(['ledger', 'ledger-reconciliation']);
  expect(await page.textContent('#count')).toBe(`2 of ${all.length} services`);
  expect(new URL(page.url()).hash).toBe('#/services?q=ledger');
  await page.screenshot({ path: path.join(SHOTS, 'services-search.png'), fullPage: true });

  // A shared link opens the same view.
  const shared = await open(pageFile, '#/services?q=ledger');
  expect(await visibleServices(shared.page)).toEqual(['ledger', 'ledger-reconciliation']);
  expect(await shared.page.inputValue('#search')).toBe('ledger');
  await shared.page.close();

  await page.fill('#search', '');
  await page.selectOption('#filter-team', 'payments');
  const payments = await visibleServices(page);
  expect(payments.length).toBeGreaterThan(0);
  expect(payments).toContain('checkout');
  await page.selectOption('#filter-team', '');
  await page.check('#filter-findings');
  expect(await visibleServices(page)).toEqual(['checkout']);
  await page.uncheck('#filter-findings');

  await page.click('th[data-sort="cost"]');
  const byCost = await page.$$eval('#services-table tbody tr', (rows) => rows.map((r) => r.getAttribute('data-service')));
  const costs = JSON.parse(fs.readFileSync(path.join(outdir, 'catalog', 'catalog.json'), 'utf8')).entities.filter((e: any) => e.kind === 'service').map((e: any) => [e.name, e.cost?.monthlyUsd ?? 0]);
  expect(byCost[0]).toBe(costs.sort((a: any, b: any) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0]);
  expect(new URL(page.url()).hash).toBe('#/services?sort=cost&dir=desc');
  expect(trouble).toEqual({ consoleErrors: [], requests: [], dialogs: [] });
  await page.close();
});

withChromium.test('a service page: owner, cost lines per environment with Terraform addresses, dependencies, findings, spend', async () => {
  const { page, trouble } = await open(pageFile, '#/services');
  // Two clicks from the front page: the service's row, and its page holds owner, cost and dependencies.
  await page.click('#services-table a[href="#/service/ledger"]');
  await page.waitForSelector('#service-page');
  expect(await page.textContent('#service-page h2')).toBe('ledger');
  await page.goto(pageFile + '#/service/checkout');
  await page.waitForSelector('#service-page');
  const text = (await page.textContent('#service-page'))!;
  expect(text).toContain('payments');
  expect(await page.$eval('#service-page .form-link a', (a) => [a.textContent, a.getAttribute('href')])).toEqual(['Scale checkout through an issue form', 'https://github.com/acme-corp/groundwork/issues/new?template=scale.yml']);
  expect(await page.textContent('#service-estimate')).toMatch(/^\$[\d,]+\.\d\d$/);
  const lines = await page.$$eval('tr.cost-line code', (codes) => codes.map((c) => c.textContent));
  expect(lines.some((l) => /^production-aws\/aws_db_instance\./.test(l!))).toBe(true);
  expect(await page.$$eval('section.env', (s) => s.map((e) => e.getAttribute('data-environment')))).toEqual(['production', 'staging']);
  expect(await page.textContent('#dependencies')).toMatch(/database/);
  expect(await page.textContent('#service-findings')).toContain('aws/rds-encrypted');
  expect(text).toContain('Actual (2026-10): USD 1234.50');
  // Day 2: its docs, runbook and ADRs, and its actions, each a link.
  const hrefs = (selector: string) => page.$$eval(selector, (as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
  expect(await hrefs('.day2 ul.docs a')).toEqual([
    ['Documentation', 'https://docs.acme.example/checkout'],
    ['Runbook', 'https://runbooks.acme.example/checkout'],
    ['Architecture decisions', 'https://github.com/acme-corp/checkout/tree/main/docs/adr'],
  ]);
  await page.goto(pageFile + '#/service/notifications');
  await page.waitForSelector('#service-page');
  expect(await hrefs('.day2 ul.docs a')).toEqual([
    ['Documentation', 'https://github.com/acme-corp/notifications/blob/main/docs/index.md'],
    ['Runbook', 'https://github.com/acme-corp/notifications/blob/main/docs/runbook.md'],
    ['Architecture decisions', 'https://github.com/acme-corp/notifications/tree/main/docs/adr'],
  ]);
  await page.goto(pageFile + '#/service/checkout');
  await page.waitForSelector('#service-page');
  const workflow = 'https://github.com/acme-corp/groundwork/actions/workflows/operations.yml';
  expect(await hrefs('.day2 ul.actions a')).toEqual([['restart', workflow], ['rollback', workflow], ['scale', workflow]]);
  expect(await page.textContent('.day2 ul.actions')).toContain('npm run ops -- scale checkout --replicas N --env ENV');
  await page.screenshot({ path: path.join(SHOTS, 'service-page.png'), fullPage: true });
  expect(trouble).toEqual({ consoleErrors: [], requests: [], dialogs: [] });
  await page.close();
});

withChromium.test('the team page, the cost charts and the dependency graph render', async () => {
  const { page, trouble } = await open(pageFile, '#/team/payments');
  expect(await page.textContent('#team-page')).toContain('checkout');
  expect(await page.$$eval('#team-page .form-link a', (links) => links.map((a) => a.getAttribute('href')))).toEqual(['https://github.com/acme-corp/groundwork/issues/new?template=new-service.yml', 'https://github.com/acme-corp/groundwork/issues/new?template=scale.yml', 'https://github.com/acme-corp/groundwork/issues/new?template=add-data-store.yml']);
  expect(await page.$$eval('#team-page .bar-fill', (b) => b.length)).toBeGreaterThan(0);
  await page.screenshot({ path: path.join(SHOTS, 'team-page.png'), fullPage: true });

  await page.evaluate(() => (location.hash = '#/cost'));
  await page.waitForSelector('#cost-view');
  expect(await page.$$eval('#cost-view .estimate-actual .bar-row', (b) => b.length)).toBe(3);
  await page.screenshot({ path: path.join(SHOTS, 'cost.png'), fullPage: true });

  await page.evaluate(() => (location.hash = '#/graph'));
  await page.waitForSelector('svg#graph');
  const services = await page.$$eval('svg#graph g.node.service', (n) => n.length);
  const stores = await page.$$eval('svg#graph g.node.database, svg#graph g.node.queue, svg#graph g.node.bucket', (n) => n.length);
  const edges = await page.$$eval('svg#graph path.edge', (n) => n.length);
  expect(services).toBe((await page.$$eval('#graph-team option', (o) => o.length)) > 0 ? JSON.parse(fs.readFileSync(path.join(outdir, 'catalog', 'catalog.json'), 'utf8')).summary.services : 0);
  expect(stores).toBeGreaterThan(0);
  expect(edges).toBeGreaterThanOrEqual(stores);
  await page.screenshot({ path: path.join(SHOTS, 'graph.png'), fullPage: true });
  await page.selectOption('#graph-team', 'payments');
  await page.waitForFunction(() => location.hash === '#/graph?team=payments');
  expect(await page.$$eval('svg#graph g.node.service', (n) => n.length)).toBeLessThan(services);
  expect(trouble).toEqual({ consoleErrors: [], requests: [], dialogs: [] });
  await page.close();
});

withChromium.test('the adoption view shows the figures npm run adoption computes from the same catalog and guardrails', async () => {
  const { catalog, policy } = readAnalysisOutputs(outdir);
  const report = adoptionReport(catalog, policy);
  const { page, trouble } = await open(pageFile, '#/adoption');
  await page.waitForSelector('#adoption-view');
  expect(await page.textContent('nav a.current')).toBe('Adoption');
  const t = report.totals;
  expect(await page.textContent('#adoption-summary')).toBe(
    `${t.goldenPathServices} of ${t.services} services (${t.goldenPathPercent}%) come from a golden path; ${t.resources.outside} Terraform resources belong to services outside any golden path and ${t.resources.unowned} to no service.`,
  );
  const paths = Object.keys(t.byGoldenPath);
  expect(paths.length).toBeGreaterThan(1);
  const headers = await page.$$eval('#adoption-teams th', (th) => th.map((e) => e.textContent));
  expect(headers).toEqual(['team', 'services', 'golden-path coverage', ...paths, 'resources in golden paths', 'resources outside', 'none', 'bronze', 'silver', 'gold']);
  const rows = await page.$$eval('#adoption-teams tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent)));
  expect(rows).toEqual(
    report.teams.map((r) => [r.team, String(r.services), `${r.goldenPathPercent}%`, ...paths.map((p) => String(r.byGoldenPath[p] ?? 0)), String(r.resources.inGoldenPaths), String(r.resources.outside), ...(['none', 'bronze', 'silver', 'gold'] as const).map((l) => String(r.scorecards[l]))]),
  );
  expect(rows.find((r) => r[0] === 'payments')).toBeDefined();
  expect(await page.textContent('#tag-coverage')).toBe(`${report.tagCoverage!.overall.percent}% of ${report.tagCoverage!.overall.taggable} taggable resources carry every ownership tag.`);
  const stacks = await page.$$eval('#tag-coverage-stacks tbody tr td:first-child', (tds) => tds.map((e) => e.textContent));
  expect(stacks).toEqual(Object.keys(report.tagCoverage!.byStack));
  expect(await page.$$eval('#adoption-view .bar-row', (b) => b.length)).toBe(paths.length + 4);
  // A team's name leads to its page.
  await page.click('#adoption-teams a[href="#/team/payments"]');
  await page.waitForSelector('#team-page');
  await page.evaluate(() => (location.hash = '#/adoption'));
  await page.waitForSelector('#adoption-view');
  await page.screenshot({ path: path.join(SHOTS, 'adoption.png'), fullPage: true });
  expect(trouble).toEqual({ consoleErrors: [], requests: [], dialogs: [] });
  await page.close();
});

withChromium.test("an exposed service's page: its URL as a link, exposure, SLOs and alarms per environment; a forged URL is no link", async () => {
  const { page, trouble } = await open(pageFile, '#/service/shop-api');
  await page.waitForSelector('#front-door');
  const rows = await page.$$eval('#front-door tbody tr', (trs) =>
    trs.map((tr) => ({ environment: tr.getAttribute('data-environment'), cells: Array.from(tr.children, (td) => td.textContent), url: tr.children[1].querySelector('a')?.getAttribute('href') ?? null })),
  );
  expect(rows.map((r) => [r.environment, r.url, r.cells[2], r.cells[3]])).toEqual([
    ['production', 'https://api.acme.example', 'public', 'availability 99.9% · 99% within 300 ms'],
    ['staging', null, 'public', 'availability 99.9% · 99% within 300 ms'],
  ]);
  expect(rows[1].cells[1]).toBe('no valid URL');
  const alarms = await page.$$eval('#front-door tr[data-environment="production"] ul.alarms a', (as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
  expect(alarms).toContainEqual(['shop-api-production-slo-availability-fast-burn', 'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/shop-api-production-slo-availability-fast-burn']);
  // The markup alarm name is text, linked to its (encoded) console page.
  expect(await page.$$eval('#front-door tr[data-environment="staging"] ul.alarms a', (as) => as.map((a) => a.textContent))).toContain(HOSTILE[1]);
  expect(await page.$$eval('img', (i) => i.length)).toBe(0);
  const hrefs = await page.$$eval('a[href]', (a) => a.map((e) => e.getAttribute('href')!));
  expect(hrefs.filter((h) => !/^(https:|#)/.test(h))).toEqual([]);
  await (await page.$('#front-door'))!.screenshot({ path: path.join(SHOTS, 'front-door.png') });
  expect(trouble).toEqual({ consoleErrors: [], requests: [], dialogs: [] });
  await page.close();
});

withChromium.test('hostile description, tags and links render as text; no dialog opens, no element is injected', async () => {
  const { page, trouble } = await open(pageFile, '#/services?q=hostile');
  expect(await visibleServices(page)).toEqual(['checkout']);
  expect(await page.textContent('#services-table tr[data-service="checkout"] small')).toBe(HOSTILE_TEXT);
  await page.goto(pageFile + '#/service/checkout');
  await page.waitForSelector('#service-page');
  expect(await page.textContent('#service-page .description')).toBe(HOSTILE_TEXT);
  const tags = await page.$$eval('#service-page .tag', (t) => t.map((e) => e.textContent));
  expect(tags).toEqual(expect.arrayContaining([`data-classification=${HOSTILE[1]}`, `${HOSTILE[0]}=${HOSTILE[2]}`]));
  // Nothing of the data became markup: no image, no extra script, no javascript: or data: link.
  expect(await page.$$eval('img', (i) => i.length)).toBe(0);
  expect(await page.$$eval('script', (s) => s.length)).toBe(3); // the data, the detail data (parsed when needed), the page's script
  const hrefs = await page.$$eval('a[href]', (a) => a.map((e) => e.getAttribute('href')!));
  expect(hrefs.filter((h) => !/^(https?:|#)/.test(h))).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, 'hostile-service.png'), fullPage: true });
  await page.waitForTimeout(200);
  expect(trouble).toEqual({ consoleErrors: [], requests: [], dialogs: [] });
  await page.close();

  // The embedded data cannot close its block: the raw file holds none of the hostile strings.
  const raw = fs.readFileSync(path.join(outdir, 'catalog', 'index.html'), 'utf8');
  const start = raw.indexOf('id="portal-data">') + 'id="portal-data">'.length;
  const block = raw.slice(start, raw.indexOf('</script>', start));
  expect(HOSTILE.map((h) => block.includes(h))).toEqual([false, false, false]);
  // The strings are pooled (catalog/portal/packed-table.ts): the description is one of them, unchanged.
  expect(JSON.parse(block).strings).toContain(HOSTILE_TEXT);
  expect(raw.match(/<\/script>/g)).toHaveLength(3);
});

withChromium.test('with JavaScript off the page is the summary and the tables', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(pageFile);
  expect(await page.isVisible('.summary')).toBe(true);
  expect(await page.isVisible('#static')).toBe(true);
  expect(await page.isVisible('#app')).toBe(false);
  expect(await page.$$eval('#static tr[id^="service-"]', (r) => r.length)).toBeGreaterThan(5);
  expect(await page.$$eval('#static h2', (h) => h.map((e) => e.textContent))).toEqual(['Services', 'Teams', 'Cost by cost center', 'Guardrail findings']);
  // Lean: each service row links its repository only (the interactive page has every link).
  expect(await page.$$eval('#static tr#service-checkout a[href^="http"]', (a) => a.map((e) => e.getAttribute('href')))).toEqual(['https://github.com/acme-corp/checkout']);
  expect(await page.textContent('#static tr#service-checkout small')).toBe(HOSTILE_TEXT);
  expect(await page.$$eval('img', (i) => i.length)).toBe(0);
  await page.screenshot({ path: path.join(SHOTS, 'no-javascript.png') });
  await context.close();

  // With the script on, the tables are never markup (they sit in <noscript>): only the summary and the app.
  const { page: scripted, trouble } = await open(pageFile);
  expect(await scripted.$$eval('#static', (s) => s.length)).toBe(0);
  expect(await scripted.isVisible('.summary')).toBe(true);
  expect(trouble).toEqual({ consoleErrors: [], requests: [], dialogs: [] });
  await scripted.close();
});

withChromium.test('a large organisation: the first rows only, more on scrolling, search finds any service, its page opens', async () => {
  const analysis = analyse(outdir);
  const catalog = structuredClone(analysis.catalog) as any;
  const template = catalog.entities.find((e: any) => e.kind === 'service' && e.name === 'ledger');
  for (let i = 0; i < 400; i++) catalog.entities.push({ ...structuredClone(template), id: `service:bulk-${String(i).padStart(3, '0')}`, name: `bulk-${String(i).padStart(3, '0')}`, description: `Bulk service ${i}` });
  const file = path.join(outdir, 'catalog', 'large.html');
  fs.writeFileSync(file, portalHtml(catalog, analysis.cost, analysis.policy));
  const url = pathToFileURL(file).href;
  const { page, trouble } = await open(url);
  const total = catalog.entities.filter((e: any) => e.kind === 'service').length;
  expect(await page.textContent('#count')).toBe(`${total} of ${total} services`);
  const first = await visibleServices(page);
  expect(first).toHaveLength(50);
  // Scrolling to the end of the rows shows the next ones; the button does the same.
  await page.locator('#more-services').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelectorAll('#services-table tbody tr').length === 100);
  await page.click('#more-services');
  expect((await visibleServices(page)).length).toBeGreaterThanOrEqual(150);
  // A service far past the first rows is one search away, and its page holds its cost lines.
  await page.fill('#search', 'bulk service 399');
  expect(await visibleServices(page)).toEqual(['bulk-399']);
  expect(await page.isVisible('#more-services')).toBe(false);
  await page.click('#services-table a[href="#/service/bulk-399"]');
  await page.waitForSelector('#service-page');
  expect(await page.textContent('#service-page .description')).toBe('Bulk service 399');
  expect(trouble).toEqual({ consoleErrors: [], requests: [], dialogs: [] });
  await page.close();
});

withChromium.test("a cost line's price origin is shown when the cost report carries one, and left out otherwise", async () => {
  const analysis = analyse(outdir);
  const real = analysis.cost.resources.find((l) => l.service === 'checkout' && l.type === 'aws_db_instance' && l.environment === 'staging')!;
  expect(real.components.every((c) => c.provenance)).toBe(true);
  const cost = structuredClone(analysis.cost) as any;
  const line = cost.resources.find((l: any) => l.service === 'checkout' && l.type === 'aws_db_instance' && l.environment === 'production');
  line.provenance = { source: 'AWS Price List <bulk offer>', sku: 'ABC123' };
  // Staging's lines lose their origins: the column is left out there.
  for (const l of cost.resources.filter((x: any) => x.environment === 'staging')) for (const c of l.components) delete c.provenance;
  const file = path.join(outdir, 'catalog', 'with-origin.html');
  fs.writeFileSync(file, portalHtml(analysis.catalog, cost, analysis.policy));
  const url = pathToFileURL(file).href;
  const { page, trouble } = await open(url, '#/service/checkout');
  const production = await page.textContent('section.env[data-environment="production"]');
  expect(production).toContain('price origin');
  expect(production).toContain('sku: ABC123, source: AWS Price List <bulk offer>');
  expect(await page.textContent('section.env[data-environment="staging"]')).not.toContain('price origin');
  expect(trouble).toEqual({ consoleErrors: [], requests: [], dialogs: [] });
  await page.close();
});
