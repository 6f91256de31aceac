import { isKind } from '../catalog/service-catalog/catalog-model';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import { analyse, writeAnalysis } from '../catalog/analyse';
import { ANY_MAP_KEY, mapKeyFilter } from '../catalog/spend/formats';
import { reconcile } from '../catalog/spend/reconcile';
import { analyseSpend, SpendReport } from '../catalog/spend/spend';
import { buildOrganisation } from '../stacks/app';
import { SHARED_DATA, withSharedData } from './helpers/shared-data';
import { cleanUp, synth, tempDir } from './helpers/synth';

const spendJs = path.join(__dirname, '../dist/scripts/spend.js');
afterAll(cleanUp);

interface Line {
  month: string;
  cost: number;
  service?: string;
  owner?: string;
  costCenter?: string;
  environment?: string;
  product: string;
  resource: string;
}

/** A month-and-a-bit of spend for the example services, untagged resources, and credits. */
function generateLines(): Line[] {
  const services = [
    ['checkout', 'payments', 'CC-2001'],
    ['ledger', 'payments', 'CC-2002'],
    ['recommendations', 'data', 'CC-4001'],
    ['storefront-web', 'storefront', 'CC-3001'],
  ];
  const lines: Line[] = [];
  let seed = 7;
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (const month of ['2026-09', '2026-10']) {
    for (let i = 0; i < 400; i++) {
      const [service, owner, costCenter] = services[i % services.length];
      const environment = i % 3 === 0 ? 'staging' : 'production';
      lines.push({ month, cost: Math.round(next() * 1e6) / 1e4, service, owner, costCenter, environment, product: ['AmazonRDS', 'AmazonEC2', 'AmazonS3'][i % 3], resource: `arn:aws:x:${service}-${i % 17}` });
    }
    for (let i = 0; i < 50; i++) lines.push({ month, cost: Math.round(next() * 1e5) / 1e4, product: i % 2 ? 'AmazonEC2' : 'AWSDataTransfer', resource: `i-untagged${i % 5}` });
    lines.push({ month, cost: -12.5, service: 'checkout', owner: 'payments', costCenter: 'CC-2001', environment: 'production', product: 'AmazonRDS', resource: 'credit' });
  }
  return lines;
}

const sum = (lines: Line[], pick: (l: Line) => boolean) => Math.round(lines.filter(pick).reduce((s, l) => s + l.cost, 0) * 1e6) / 1e6;
const csvCell = (v: unknown) => (v === undefined || v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const csv = (header: string[], rows: unknown[][]) => [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';

/** The same lines as a FOCUS export, a legacy CUR export (gzip) and a CUR 2.0 export (Parquet). */
async function writeFormats(dir: string, lines: Line[]): Promise<Record<string, string>> {
  const focus = path.join(dir, 'focus.csv');
  fs.writeFileSync(
    focus,
    csv(
      ['BilledCost', 'EffectiveCost', 'BillingCurrency', 'ChargePeriodStart', 'ServiceName', 'ResourceId', 'Tags'],
      lines.map((l) => [l.cost, l.cost, 'USD', `${l.month}-15 10:00:00`, l.product, l.resource, l.service ? JSON.stringify({ 'user:service': l.service, 'user:owner': l.owner, 'user:cost-center': l.costCenter, 'user:environment': l.environment }) : 'NULL']),
    ),
  );
  const legacyCsv = path.join(dir, 'cur.csv');
  fs.writeFileSync(
    legacyCsv,
    csv(
      ['lineItem/UsageStartDate', 'lineItem/UnblendedCost', 'lineItem/CurrencyCode', 'lineItem/ProductCode', 'lineItem/ResourceId', 'resourceTags/user:service', 'resourceTags/user:owner', 'resourceTags/user:cost-center', 'resourceTags/user:environment'],
      lines.map((l) => [`${l.month}-15T10:00:00.000Z`, l.cost, 'USD', l.product, l.resource, l.service, l.owner, l.costCenter, l.environment]),
    ),
  );
  const legacy = path.join(dir, 'cur.csv.gz');
  const parquet = path.join(dir, 'cur2.parquet');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(`COPY (SELECT * FROM read_csv('${legacyCsv}', all_varchar = true)) TO '${legacy}' (FORMAT csv, HEADER, COMPRESSION gzip)`);
  await c.run(`COPY (SELECT CAST("lineItem/UsageStartDate" AS TIMESTAMPTZ) AS line_item_usage_start_date, CAST("lineItem/UnblendedCost" AS DOUBLE) AS line_item_unblended_cost,
      'USD' AS line_item_currency_code, "lineItem/ProductCode" AS line_item_product_code, "lineItem/ResourceId" AS line_item_resource_id,
      map_from_entries(list_filter([struct_pack(k := 'user_service', v := "resourceTags/user:service"), struct_pack(k := 'user_owner', v := "resourceTags/user:owner"),
        struct_pack(k := 'user_cost_center', v := "resourceTags/user:cost-center"), struct_pack(k := 'user_environment', v := "resourceTags/user:environment")], x -> x.v IS NOT NULL)) AS resource_tags
    FROM read_csv('${legacyCsv}', all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
  c.closeSync();
  db.closeSync();
  fs.rmSync(legacyCsv);
  return { focus, legacy, parquet };
}

describe('the same spend as FOCUS, legacy CUR (gzip CSV) and CUR 2.0 (Parquet)', () => {
  const lines = generateLines();
  const reports: Record<string, SpendReport> = {};
  beforeAll(async () => {
    const files = await writeFormats(tempDir(), lines);
    for (const [name, file] of Object.entries(files)) reports[name] = await analyseSpend({ billing: [file] });
  });

  test('each format is recognised', () => {
    expect(Object.values(reports).map((r) => r.sources[0].format)).toEqual(['focus', 'cur-legacy', 'cur-2.0']);
  });

  test('per-service totals agree across formats and with sums computed here', () => {
    for (const report of Object.values(reports)) {
      const byService = Object.fromEntries(report.byService.map((r) => [r.name, r.total]));
      for (const service of ['checkout', 'ledger', 'recommendations', 'storefront-web']) expect(byService[service]).toBeCloseTo(sum(lines, (l) => l.service === service), 6);
      expect(byService.unallocated).toBeCloseTo(sum(lines, (l) => !l.service), 6);
      expect(report.total.amount).toBeCloseTo(sum(lines, () => true), 6);
      expect(report.total.credits).toBe(-25);
      expect(report.byMonth['2026-10']).toBeCloseTo(sum(lines, (l) => l.month === '2026-10'), 6);
    }
  });

  test('per team, cost center and environment, per month, with an unallocated row', () => {
    const r = reports.parquet;
    expect(r.byTeam.map((x) => x.name)).toEqual(['payments', 'data', 'storefront', 'unallocated'].sort((a, b) => (a === 'unallocated' ? 1 : b === 'unallocated' ? -1 : r.byTeam.find((x) => x.name === b)!.total - r.byTeam.find((x) => x.name === a)!.total)));
    expect(r.byCostCenter.find((x) => x.name === 'CC-2001')!.months['2026-09']).toBeCloseTo(sum(lines, (l) => l.costCenter === 'CC-2001' && l.month === '2026-09'), 6);
    expect(r.byEnvironment.find((x) => x.name === 'staging')!.total).toBeCloseTo(sum(lines, (l) => l.environment === 'staging'), 6);
    const positive = sum(lines, (l) => l.cost > 0);
    expect(r.tagCoverage.service).toBeCloseTo((100 * sum(lines, (l) => l.cost > 0 && Boolean(l.service))) / positive, 1);
  });

  test('the unallocated group lists the top untagged resources and services', () => {
    const top = reports.focus.unallocated.topResources[0];
    const untagged = lines.filter((l) => !l.service);
    const byResource = new Map<string, number>();
    for (const l of untagged) byResource.set(l.resource, (byResource.get(l.resource) ?? 0) + l.cost);
    const [resource, amount] = [...byResource.entries()].sort((a, b) => b[1] - a[1])[0];
    expect(top.resourceId).toBe(resource);
    expect(top.amount).toBeCloseTo(amount, 6);
    expect(reports.focus.unallocated.topBillingServices.map((s) => s.billingService).sort()).toEqual(['AWSDataTransfer', 'AmazonEC2']);
  });

  test('--from and --to select months', async () => {
    const files = await writeFormats(tempDir(), lines);
    const october = await analyseSpend({ billing: [files.parquet], from: '2026-10', to: '2026-10' });
    expect(october.months).toEqual(['2026-10']);
    expect(october.total.amount).toBeCloseTo(sum(lines, (l) => l.month === '2026-10'), 6);
  });
});

describe('CUR 2.0 tag keys looked up only where the Parquet statistics admit them', () => {
  test('a key outside every row group [min, max] is skipped; truncated statistics and missing ones admit it', () => {
    const filter = mapKeyFilter([{ min: 'user_cost_center', max: 'user_owner' }, { min: 'user_service', max: 'user_service' }]);
    expect(['user_cost_center', 'user_env', 'user_owner', 'user_service'].filter(filter)).toEqual(['user_cost_center', 'user_env', 'user_owner', 'user_service']);
    expect(['service', 'user:service', 'user_Service', 'user_app', 'user_stage', 'user_team', 'user_p'].filter(filter)).toEqual([]);
    // A writer may cut the max to a prefix: every key starting with it may be in the row group.
    expect(mapKeyFilter([{ min: 'user_c', max: 'user_se' }])('user_service')).toBe(true);
    expect(mapKeyFilter([{ min: 'user_c', max: 'user_se' }])('user_sf')).toBe(false);
    // Parquet compares bytes: U+FF5E (3 UTF-8 bytes, EF BD 9E) sorts before U+1F600 (F0 9F 98 80), unlike UTF-16 code units.
    expect(mapKeyFilter([{ min: 'user_\u{1F600}', max: 'user_\u{1F600}' }])('user_\uFF5E')).toBe(false);
    expect(mapKeyFilter([{ min: 'a', max: 'b' }, { min: null, max: null }])).toBe(ANY_MAP_KEY);
    expect(mapKeyFilter([])).toBe(ANY_MAP_KEY);
  });

  test('aliased keys (user_Team, user_app, user_Environment) in some row groups are still found', async () => {
    const file = path.join(tempDir(), 'aliases.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    // Two row groups with different keys: the first only the usual ones, the second only aliases.
    await c.run(`COPY (SELECT TIMESTAMPTZ '2026-10-01 00:00:00+00' AS line_item_usage_start_date, 1.0::DOUBLE AS line_item_unblended_cost, 'USD' AS line_item_currency_code,
        'AmazonEC2' AS line_item_product_code, 'i-' || i AS line_item_resource_id,
        CASE WHEN i < 1000 THEN MAP {'user_service': 'usual', 'user_owner': 'team-a'} ELSE MAP {'user_app': 'aliased', 'user_Team': 'team-b', 'user_Environment': 'staging'} END AS resource_tags
      FROM range(2000) t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`);
    c.closeSync();
    db.closeSync();
    const report = await analyseSpend({ billing: [file] });
    expect(report.byService.map((r) => [r.name, r.total])).toEqual([['aliased', 1000], ['usual', 1000], ['unallocated', 0]]);
    expect(report.byTeam.map((r) => [r.name, r.total])).toEqual([['team-a', 1000], ['team-b', 1000], ['unallocated', 0]]);
    expect(report.byEnvironment.map((r) => [r.name, r.total])).toEqual([['staging', 1000], ['unallocated', 1000]]);
  });
});

withSharedData('focus-1.0-sample.csv', 'aws-cur-legacy-sample.csv').describe('the shared real samples', () => {
  test('FOCUS 1.0 sample: totals and per-application sums match the file, tag keys mapped', async () => {
    const file = path.join(SHARED_DATA, 'focus-1.0-sample.csv');
    const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    const report = await analyseSpend({ billing: [file], tagMap: { service: ['application'], 'cost-center': ['business_unit'] } });
    const total = rows.reduce((s, r) => s + Number(r.EffectiveCost), 0);
    expect(report.total.amount).toBeCloseTo(total, 6);
    const app = (r: Record<string, string>) => (r.Tags === 'NULL' ? undefined : JSON.parse(r.Tags).application);
    const biggest = report.byService[0];
    expect(biggest.total).toBeCloseTo(rows.filter((r) => app(r) === biggest.name).reduce((s, r) => s + Number(r.EffectiveCost), 0), 6);
    expect(report.byEnvironment.map((e) => e.name)).toContain('dev');
    const billed = await analyseSpend({ billing: [file], cost: 'billed' });
    expect(billed.total.amount).toBeCloseTo(rows.reduce((s, r) => s + Number(r.BilledCost), 0), 6);
  });

  test('legacy CUR sample (no resource tags): everything unallocated, total matches the file', async () => {
    const file = path.join(SHARED_DATA, 'aws-cur-legacy-sample.csv');
    const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    const report = await analyseSpend({ billing: [file] });
    expect(report.sources[0]).toMatchObject({ format: 'cur-legacy', rows: rows.length });
    expect(report.total.amount).toBeCloseTo(rows.reduce((s, r) => s + Number(r['lineItem/UnblendedCost'] || 0), 0), 6);
    expect(report.tagCoverage).toEqual({ service: 0, owner: 0, 'cost-center': 0, environment: 0 });
    expect(report.unallocated.amount).toBe(report.total.amount);
  });
});

describe('reconciliation with the synth-time estimate', () => {
  test('estimate against actual per service for the latest month, with the largest contributors', async () => {
    const outdir = synth(buildOrganisation).outdir;
    writeAnalysis(outdir, { usage: path.join(__dirname, '../usage') });
    const estimate = JSON.parse(fs.readFileSync(path.join(outdir, 'catalog/cost-report.json'), 'utf8'));
    const lines = generateLines();
    const files = await writeFormats(tempDir(), lines);
    const result = reconcile(await analyseSpend({ billing: [files.focus] }), estimate);
    expect(result.month).toBe('2026-10');
    const checkout = result.services.find((s) => s.service === 'checkout')!;
    const estimated = estimate.byService.find((r: { name: string }) => r.name === 'checkout').monthlyUsd;
    const actual = Math.round(sum(lines, (l) => l.service === 'checkout' && l.month === '2026-10') * 100) / 100;
    expect(checkout).toMatchObject({ estimateUsd: estimated, actualUsd: actual, varianceUsd: Math.round((actual - estimated) * 100) / 100 });
    expect(checkout.largestContributors.length).toBeGreaterThan(0);
    // Services with an estimate but no spend yet are listed too.
    expect(result.services.find((s) => s.service === 'order-events')).toMatchObject({ actualUsd: 0 });
  });
});

describe('npm run spend', () => {
  test('writes spend.json, .md and .csv; the catalog then shows actual spend', async () => {
    const outdir = synth(buildOrganisation).outdir;
    writeAnalysis(outdir, { usage: path.join(__dirname, '../usage') });
    const files = await writeFormats(tempDir(), generateLines());
    const result = spawnSync('node', [spendJs, '--billing', files.legacy, '--estimate', path.join(outdir, 'catalog/cost-report.json'), '--out', path.join(outdir, 'spend')], { encoding: 'utf8' });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(fs.readdirSync(path.join(outdir, 'spend')).sort()).toEqual(['.groundwork-output', 'spend.csv', 'spend.json', 'spend.md']);
    const md = fs.readFileSync(path.join(outdir, 'spend/spend.md'), 'utf8');
    expect(md).toContain('## Estimate against actual, 2026-10');
    expect(md).toContain('## Unallocated:');
    const catalog = analyse(outdir).catalog;
    expect(catalog.entities.filter(isKind('service')).find((e) => e.id === 'service:checkout')!.spend).toMatchObject({ month: '2026-10', currency: 'USD' });
  });

  test.each([
    ['an unknown format', (dir: string) => (fs.writeFileSync(path.join(dir, 'x.csv'), 'a,b\n1,2\n'), [path.join(dir, 'x.csv')]), 'is not a billing export Groundwork reads'],
    ['a missing column', (dir: string) => (fs.writeFileSync(path.join(dir, 'x.csv'), 'BilledCost,ChargePeriodStart\n1,2026-01-01\n'), [path.join(dir, 'x.csv')]), 'looks like focus but lacks the columns EffectiveCost, ServiceName, BillingCurrency'],
    [
      'mixed currencies',
      (dir: string) => {
        const header = 'BilledCost,EffectiveCost,BillingCurrency,ChargePeriodStart,ServiceName\n';
        fs.writeFileSync(path.join(dir, 'usd.csv'), `${header}1,1,USD,2026-01-01,AmazonEC2\n`);
        fs.writeFileSync(path.join(dir, 'eur.csv'), `${header}2,2,EUR,2026-01-01,AmazonEC2\n`);
        return [path.join(dir, '*.csv')];
      },
      'The billing data mixes currencies (EUR, USD)',
    ],
    ['a glob naming nothing', (dir: string) => [path.join(dir, 'none-*.parquet')], 'names no file'],
  ])('%s: exit 1, the file named, nothing written', (_what, make, expected) => {
    const dir = tempDir();
    const out = path.join(dir, 'out');
    const billing = make(dir);
    const result = spawnSync('node', [spendJs, '--billing', ...billing, '--out', out, '--estimate', path.join(dir, 'none.json')], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(expected);
    expect(result.stderr).not.toContain('    at ');
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a bad month', async () => {
    await expect(analyseSpend({ billing: ['x'], from: '2026-13' })).rejects.toThrow('--from 2026-13 is not a month such as 2024-09.');
  });
});
