import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'csv-parse/sync';
import { analyse, writeAnalysis } from '../catalog/analyse';
import { estimate } from '../catalog/cost/estimate';
import { loadPriceTables } from '../catalog/cost/price-table';
import { Usage } from '../catalog/cost/usage';
import { readTerraformOutput } from '../catalog/terraform/terraform-output';
import type { CostReport, CostRow } from '../catalog/cost/report';
import { buildOrganisation } from '../stacks/app';
import { cleanUp, errorOf, synth, tempDir } from './helpers/synth';
import { unexpectedlyNotPriced } from './helpers/not-yet-priced';

const pins = path.join(__dirname, 'fixtures/cost-pins');
afterAll(cleanUp);

const line = (report: CostReport, suffix: string) => report.resources.find((r) => r.address.endsWith(suffix))!;
const component = (report: CostReport, suffix: string, item: string) => line(report, suffix).components.find((c) => c.item === item)!;
const cents = (n: number) => Math.round(n * 100);
const sumRows = (rows: CostRow[]) => rows.reduce((s, r) => s + cents(r.monthlyUsd), 0);

describe('pinned prices: public on-demand price x 730 hours, to the cent (us-east-1)', () => {
  const report = analyse(pins).cost;

  test('RDS PostgreSQL db.t3.large Single-AZ with 20 GB gp2: $0.145/h x 730 + 20 x $0.115', () => {
    expect(component(report, 'aws_db_instance.pg', 'rds.instance.postgres.db.t3.large.single-az').monthlyUsd).toBe(105.85);
    expect(component(report, 'aws_db_instance.pg', 'rds.storage.gp2.single-az').monthlyUsd).toBe(2.3);
    expect(line(report, 'aws_db_instance.pg').monthlyUsd).toBe(108.15);
  });

  test('RDS Multi-AZ doubles instance and storage; io1 adds provisioned IOPS', () => {
    // db.m5.large Multi-AZ $0.356/h, io1 Multi-AZ $0.25/GB-month, IOPS Multi-AZ $0.20/IOPS-month.
    expect(line(report, 'aws_db_instance.pg_multi').monthlyUsd).toBe(259.88 + 25 + 200);
  });

  test('a NAT gateway: $0.045/h x 730, plus data processed from usage', () => {
    expect(component(report, 'aws_nat_gateway.nat', 'natgateway.hour').monthlyUsd).toBe(32.85);
    expect(component(report, 'aws_nat_gateway.nat', 'natgateway.gb')).toMatchObject({ quantity: 100, monthlyUsd: 4.5 });
  });

  test('an EKS cluster: $0.10/h x 730', () => {
    expect(line(report, 'aws_eks_cluster.eks').monthlyUsd).toBe(73);
  });

  test('a t3.medium with an 8 GB gp2 root volume: $0.0416/h x 730 + 8 x $0.10', () => {
    expect(line(report, 'aws_instance.vm').components.map((c) => [c.item, c.monthlyUsd])).toEqual([
      ['ec2.instance.t3.medium', 30.37],
      ['ebs.gp2.storage', 0.8],
    ]);
    expect(line(report, 'aws_instance.vm').monthlyUsd).toBe(31.17);
  });

  test('untagged cost lands in unallocated; unknown types are listed as not priced, not as zero', () => {
    expect(report.unallocated.resources.map((r) => r.address)).toEqual(['aws_s3_bucket.untagged']);
    expect(report.byService.at(-1)).toMatchObject({ name: 'unallocated', resources: 1 });
    expect(report.notPriced.byType).toEqual([{ type: 'aws_shield_protection', count: 1, reasons: ['no pricing rule for this resource type'] }]);
    expect(report.total).toMatchObject({ pricedResources: 6, freeResources: 1, notPricedResources: 1 });
  });
});

describe('the example organisation', () => {
  let outdir: string;
  let report: CostReport;
  beforeAll(() => {
    outdir = synth(buildOrganisation).outdir;
    writeAnalysis(outdir, { usage: path.join(__dirname, '../usage') });
    report = JSON.parse(fs.readFileSync(path.join(outdir, 'catalog/cost-report.json'), 'utf8'));
  });

  test('every resource is priced or free: nothing unpriced, nothing unallocated', () => {
    expect(unexpectedlyNotPriced(report.notPriced.resources)).toEqual([]);
    expect(report.unallocated).toEqual({ monthlyUsd: 0, resources: [] });
    expect(report.total.pricedResources).toBeGreaterThan(40);
    expect(report.priceTables.map((t) => t.region)).toEqual(['eu-west-1', 'us-east-1']);
  });

  test('the knowledge-base service (support-answers): its vector store, documents and key priced per line, each line with its provenance', () => {
    const lines = report.resources
      .filter((r) => r.service === 'support-answers' && r.environment === 'production')
      .flatMap((r) => r.components.map((c) => [r.type, c.item, c.quantity, c.monthlyUsd]))
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1])));
    expect(lines).toEqual([
      ['aws_bedrockagent_knowledge_base', 'bedrock.embedding.amazon.titan-embed-text-v2.million', 0, 0],
      ['aws_cloudwatch_dashboard', 'cloudwatch.dashboard', 1, 3],
      ['aws_cloudwatch_log_group', 'logs.ingest.gb', 5, 2.85],
      ['aws_cloudwatch_log_group', 'logs.storage.gb', 14.79, 0.44],
      ['aws_cloudwatch_metric_alarm', 'cloudwatch.alarm', 1, 0.1],
      ['aws_kms_key', 'kms.key', 1, 1],
      ['aws_kms_key', 'kms.key.rotation', 1, 1],
      ['aws_rds_cluster', 'rds.aurora-postgresql.io', 10, 2.2],
      ['aws_rds_cluster', 'rds.aurora-postgresql.storage', 20, 2.2],
      ['aws_rds_cluster', 'secretsmanager.secret', 1, 0.4],
      // Aurora Serverless v2, writer and reader: the cluster's minimum of 0.5 ACU for 730 hours each.
      ['aws_rds_cluster_instance', 'rds.aurora-postgresql.serverless-v2.acu', 365, 51.1],
      ['aws_rds_cluster_instance', 'rds.aurora-postgresql.serverless-v2.acu', 365, 51.1],
      ['aws_s3_bucket', 's3.get.1k', 1000, 0.4],
      ['aws_s3_bucket', 's3.put.1k', 100, 0.5],
      ['aws_s3_bucket', 's3.standard.storage', 50, 1.15],
      ['aws_secretsmanager_secret', 'secretsmanager.api10k', 1, 0.05],
      ['aws_secretsmanager_secret', 'secretsmanager.secret', 1, 0.4],
    ]);
    for (const r of report.resources.filter((x) => x.service === 'support-answers')) for (const c of r.components) expect(c.provenance.source).not.toBe('');
  });

  test('roll-ups are exact: rows sum to the total at every level, each with an unallocated row', () => {
    const total = cents(report.total.monthlyUsd);
    expect(report.resources.reduce((s, r) => s + cents(r.monthlyUsd), 0)).toBe(total);
    for (const rows of [report.byService, report.byTeam, report.byCostCenter, report.byEnvironment]) {
      expect(sumRows(rows)).toBe(total);
      expect(rows.at(-1)!.name).toBe('unallocated');
    }
    for (const r of report.resources) expect(r.components.reduce((s, c) => s + cents(c.monthlyUsd), 0)).toBe(cents(r.monthlyUsd));
    expect(report.byTeam.map((r) => r.name)).toEqual(expect.arrayContaining(['payments', 'storefront', 'data', 'platform']));
  });

  test('production databases are priced Multi-AZ in their region, staging ones Single-AZ', () => {
    const db = (stack: string, service: string) => report.resources.find((r) => r.stack === stack && r.type === 'aws_db_instance' && r.service === service)!;
    expect(db('production-aws', 'ledger').components[0]).toMatchObject({ item: 'rds.instance.postgres.db.m5.xlarge.multi-az', unitUsd: '0.788' });
    expect(db('staging-aws', 'ledger').components[0]).toMatchObject({ item: 'rds.instance.postgres.db.m5.xlarge.single-az', unitUsd: '0.356' });
    expect(db('staging-aws', 'ledger').components.map((c) => c.item)).toContain('secretsmanager.secret');
  });

  test('Kubernetes workloads: replicas x (CPU x vCPU-hour + memory x GiB-hour)', () => {
    const web = report.resources.find((r) => r.stack === 'production-kubernetes' && r.service === 'storefront-web')!;
    // 3 replicas x 1 vCPU x 730 h x $0.04048 + 3 x 1 GiB x 730 h x $0.004445 (eu-west-1 Fargate rates, AmazonECS offer SKUs K4EXFQ5YFQCP98EN and UP5ETC3QSW2QZGEY)
    expect(web.components.map((c) => [c.item, c.quantity, c.monthlyUsd])).toEqual([
      ['fargate.x86.vcpu.hour', 2190, 88.65],
      ['fargate.x86.gb.hour', 2190, 9.73],
    ]);
  });

  test('usage files change usage-priced items', () => {
    const bucket = (stack: string) => report.resources.find((r) => r.stack === stack && r.type === 'aws_s3_bucket' && r.service === 'recommendations')!;
    expect(bucket('production-aws').components[0]).toMatchObject({ item: 's3.standard.storage', quantity: 800 });
    expect(bucket('staging-aws').components[0]).toMatchObject({ quantity: 100 });
    expect(report.usage.serviceFiles).toEqual(['checkout', 'recommendations']);
  });

  test('costs appear on catalog entities', () => {
    const catalog = JSON.parse(fs.readFileSync(path.join(outdir, 'catalog/catalog.json'), 'utf8'));
    const service = catalog.entities.find((e: any) => e.id === 'service:ledger');
    expect(service.cost.monthlyUsd).toBe(report.byService.find((r) => r.name === 'ledger')!.monthlyUsd);
    const team = catalog.entities.find((e: any) => e.id === 'team:payments');
    expect(team.cost.monthlyUsd).toBe(report.byTeam.find((r) => r.name === 'payments')!.monthlyUsd);
    const db = catalog.entities.find((e: any) => e.id === 'resource:ledger-production-database');
    // db.m5.xlarge Multi-AZ ($575.24) + 200 GB gp3 Multi-AZ ($50.80) + its secret and log group
    expect(db.cost.monthlyUsd).toBe(629.73);
  });

  test('Markdown for managers and CSV for spreadsheets', () => {
    const md = fs.readFileSync(path.join(outdir, 'catalog/cost-report.md'), 'utf8');
    expect(md).toMatch(/^# Monthly cost estimate: acme\n\n\*\*\$[0-9,]+\.[0-9]{2} per month\*\*/);
    for (const heading of ['## By team', '## By cost center', '## By environment', '## Top 10 services', '## Sources', '(prices of 2026-12-07)']) expect(md).toContain(heading);
    // The Markdown ends with every source used and how many lines it priced, adding up to every line.
    const sourceRows = md.slice(md.indexOf('## Sources')).split('\n').filter((l) => /^\| .* \| \d+ \|$/.test(l));
    expect(sourceRows.length).toBe(report.sources.length);
    expect(report.sources.reduce((s, x) => s + x.lines, 0)).toBe(report.resources.reduce((s, r) => s + r.components.length, 0));
    expect(md).toContain('| **unallocated** | $0.00 | 0.0% |');
    const rows = parse(fs.readFileSync(path.join(outdir, 'catalog/cost-report.csv'), 'utf8'), { columns: true });
    expect(rows.length).toBe(report.resources.reduce((s, r) => s + r.components.length, 0));
    expect(rows.reduce((s: number, r: any) => s + cents(Number(r.monthly_usd)), 0)).toBe(cents(report.total.monthlyUsd));
  });
});

describe('provenance, free tiers and more engines', () => {
  let report: CostReport;
  beforeAll(() => {
    const outdir = synth(buildOrganisation).outdir;
    writeAnalysis(outdir, { usage: path.join(__dirname, '../usage') });
    report = JSON.parse(fs.readFileSync(path.join(outdir, 'catalog/cost-report.json'), 'utf8'));
  });

  test('every priced component carries its price key and the entry\'s provenance (SKU or reference, date)', () => {
    const components = report.resources.flatMap((r) => r.components);
    expect(components.length).toBeGreaterThan(100);
    for (const c of components) {
      expect(c.item).toMatch(/^[a-z0-9.-]+$/);
      expect(c.provenance.source.length).toBeGreaterThan(10);
    }
    const alb = components.find((c) => c.item === 'natgateway.hour' && c.provenance.sku);
    expect(alb?.provenance).toMatchObject({ sku: 'KFNSSCHWD43WZK2R', date: '2026-09-01', verified: true });
  });

  test('free tier lines appear once per account (environment) and pool, negative, never inside a unit price', () => {
    const free = report.resources.filter((r) => r.type === 'free-tier');
    const environments = [...new Set(report.resources.filter((r) => r.type !== 'free-tier').map((r) => r.environment))].sort();
    expect([...new Set(free.map((f) => f.environment))].sort()).toEqual(environments);
    const perAccount = free.map((f) => `${f.environment}/${f.address}`);
    expect(new Set(perAccount).size).toBe(perAccount.length);
    for (const f of free) {
      expect(f.monthlyUsd).toBeLessThan(0);
      for (const c of f.components) expect(c.quantity).toBeLessThan(0);
    }
    // 10 alarms per account: the credit never exceeds what the account's alarms cost.
    for (const env of environments) {
      const alarms = report.resources.filter((r) => r.environment === env && r.type === 'aws_cloudwatch_metric_alarm').length;
      const credit = free.find((f) => f.environment === env && f.address === 'free-tier.cloudwatch.alarm');
      expect(credit?.components[0].quantity).toBe(-Math.min(10, alarms));
    }
    expect(report.byTeam.find((r) => r.name === 'free tier')!.monthlyUsd).toBeLessThan(0);
  });

  test('the organisation option turns free tiers off', () => {
    const outdir = synth(buildOrganisation).outdir;
    const configurations = readTerraformOutput(outdir);
    const on = estimate(configurations, { tables: loadPriceTables(), usage: Usage.NONE });
    const off = estimate(configurations, { tables: loadPriceTables(), usage: Usage.NONE, freeTiers: false });
    expect(on.lines.some((l) => l.type === 'free-tier')).toBe(true);
    expect(off.lines.some((l) => l.type === 'free-tier')).toBe(false);
  });
});

describe('bad price tables and usage files get clear errors', () => {
  test('a malformed price table names the file and the field', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'us-east-1.json'), JSON.stringify({ region: 'us-east-1', currency: 'EUR', effectiveDate: 'soon', source: 'x', prices: { 'a.b': { usd: '1,5', unit: 'Hrs' } } }));
    const message = errorOf(() => loadPriceTables(dir));
    expect(message).toContain('The price table');
    expect(message).toContain('us-east-1.json is invalid');
    expect(message).toContain('currency must be equal to constant');
    expect(message).toContain('effectiveDate must match format "date"');
    expect(message).toContain('prices.a.b.usd must match pattern');
  });

  test('a table in the wrong file', () => {
    const dir = tempDir();
    const table = JSON.parse(fs.readFileSync(path.join(__dirname, '../catalog/prices/us-east-1.json'), 'utf8'));
    fs.writeFileSync(path.join(dir, 'eu-west-1.json'), JSON.stringify(table));
    expect(errorOf(() => loadPriceTables(dir))).toContain('is for region us-east-1; name it us-east-1.json');
  });

  test('a malformed usage file', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'checkout.json'), JSON.stringify({ usage: { s3StorageGb: -1, sqsRequests: 5 } }));
    const message = errorOf(() => analyse(pins, { usage: dir }));
    expect(message).toContain('The usage file');
    expect(message).toContain('usage.s3StorageGb must be >= 0');
    expect(message).toContain('usage has an unknown property "sqsRequests"');
  });
});

describe('npm run cost -- <dir>', () => {
  test('estimates a plain Terraform folder standalone and prints the totals', () => {
    const dir = tempDir();
    fs.cpSync(pins, dir, { recursive: true });
    const out = execFileSync('node', [path.join(__dirname, '../dist/scripts/cost.js'), dir, '--usage', path.join(dir, 'none')], { encoding: 'utf8' });
    const report = analyse(pins).cost;
    expect(out).toContain(`$${report.total.monthlyUsd.toFixed(2)} per month for 6 priced resources; 1 not priced; $${report.unallocated.monthlyUsd.toFixed(2)} unallocated.`);
    expect(fs.readdirSync(path.join(dir, 'catalog')).sort()).toEqual(['.groundwork-output', 'backstage', 'catalog.json', 'cost-report.csv', 'cost-report.json', 'cost-report.md', 'index.html', 'policy.json']);
  });
});
