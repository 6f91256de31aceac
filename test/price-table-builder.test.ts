import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { mergePriceTable } from '../catalog/cost/build-price-table';
import { readOfferPrices, shiftDecimal } from '../catalog/cost/offer-files';
import { loadPriceTables } from '../catalog/cost/price-table';
import { cleanUp, errorOf, tempDir } from './helpers/synth';

const offers = path.join(__dirname, 'fixtures/offers');
/** The shared sample (shared/data beside the repository): one real AWS Price List item (GetProducts), m5.large Linux in us-east-1. */
const sharedData = process.env.GROUNDWORK_SHARED_DATA ?? path.join(__dirname, '../../shared/data');
const sharedM5 = path.join(sharedData, 'aws-pricing-ec2-m5-large.json');
if (!fs.existsSync(sharedM5)) throw new Error(`The shared sample data is missing: ${sharedM5}. Put shared/ beside the repository or set GROUNDWORK_SHARED_DATA.`);
const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
const allOffers = () => fs.readdirSync(offers).flatMap((f) => readOfferPrices(read(path.join(offers, f)), f));
afterAll(cleanUp);

test('decimal prices scale exactly (per request to per million)', () => {
  expect(shiftDecimal('0.0000004000', 6)).toBe('0.4');
  expect(shiftDecimal('0.0000050000', 4)).toBe('0.05');
  expect(shiftDecimal('0.0960000000', 0)).toBe('0.096');
  expect(shiftDecimal('12', 3)).toBe('12000');
});

test('reads bulk offer files: on-demand Linux, PostgreSQL, storage, NAT, EKS; skips what the estimator does not use', () => {
  const byKey = Object.fromEntries(allOffers().map((p) => [p.key, p.entry.usd]));
  expect(byKey).toEqual({
    'ec2.instance.t3.medium': '0.0416',
    'ebs.gp2.storage': '0.1',
    'natgateway.hour': '0.045',
    'natgateway.gb': '0.045',
    'eks.cluster.hour': '0.1',
    'rds.instance.postgres.db.t3.large.single-az': '0.145',
    'rds.instance.postgres.db.t3.large.multi-az': '0.29',
    'rds.storage.gp2.single-az': '0.115',
    // SQS: the first million requests are free; the price is the first paid tier, per million.
    'sqs.standard.million': '0.4',
  });
});

test('reads a GetProducts item (the shared real sample) the same way', () => {
  expect(fs.existsSync(sharedM5)).toBe(true);
  const [price] = readOfferPrices(read(sharedM5), 'aws-pricing-ec2-m5-large.json');
  expect(price).toMatchObject({ region: 'us-east-1', key: 'ec2.instance.m5.large', effectiveDate: '2021-02-01', entry: { usd: '0.096', unit: 'Hrs', sku: '6C86BEPQVG73ZGGR' } });
});

test('the shipped us-east-1 table agrees with every price the offer excerpts and the shared sample carry', () => {
  const shipped = loadPriceTables().get('us-east-1')!;
  const prices = [...allOffers(), ...readOfferPrices(read(sharedM5), 'm5')];
  for (const p of prices) expect({ key: p.key, usd: Number(shipped.prices[p.key]?.usd) }).toEqual({ key: p.key, usd: Number(p.entry.usd) });
});

test('merging keeps prices the offers do not carry, takes the newest date, and validates', () => {
  const existing = loadPriceTables().get('us-east-1')!;
  const { table, updated } = mergePriceTable('us-east-1', existing, allOffers());
  expect(updated).toContain('natgateway.hour');
  expect(table.prices['kms.key']).toEqual(existing.prices['kms.key']);
  expect(table.prices['natgateway.hour']).toMatchObject({ usd: '0.045', sku: 'M6UGCCQ3CDJQAA37' });
  expect(table.effectiveDate).toBe('2025-06-01');
  expect(table.source).toContain('AmazonRDS offer 20250601000000');
  expect(errorOf(() => mergePriceTable('ap-south-1', undefined, allOffers()))).toBe('The offer files hold no price Groundwork uses for region ap-south-1.');
});

describe('npm run prices', () => {
  const script = path.join(__dirname, '../dist/scripts/build-price-table.js');

  test('builds a new region table from offer files into a folder', () => {
    const out = tempDir();
    const files = fs.readdirSync(offers).map((f) => path.join(offers, f));
    const stdout = execFileSync('node', [script, '--region', 'us-east-1', '--out', out, ...files, sharedM5], { encoding: 'utf8' });
    expect(stdout).toContain('Updated 10 prices');
    const table = loadPriceTables(out).get('us-east-1')!;
    expect(Object.keys(table.prices)).toHaveLength(10);
    expect(table.prices['ec2.instance.m5.large'].usd).toBe('0.096');
  });

  test('a file that is not an offer: exit 1, a sentence, nothing written', () => {
    const out = tempDir();
    const bogus = path.join(out, 'bogus.json');
    fs.writeFileSync(bogus, '{"hello": 1}');
    const result = spawnSync('node', [script, '--region', 'us-east-1', '--out', out, bogus], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('bogus.json is not an AWS Price List offer');
    expect(fs.readdirSync(out)).toEqual(['bogus.json']);
  });
});
