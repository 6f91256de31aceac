import * as fs from 'fs';
import { parse } from 'csv-parse';
import { GroundworkError } from '../../model/errors';
import { Json, membersOf } from '../../model/json-object';
import { readJsonFile } from '../../model/read-json';
import { compareText } from '../../model/stable-json';
import { offerSpecOf, priceItemOf } from './price-items';
import type { OfferSpec } from '../resource-types/price-item';
import type { PriceEntry, PriceTier } from './price-table';

/**
 * Reads AWS Price List offers (bulk offer files as JSON or CSV, or GetProducts items) and picks,
 * for each price item wanted, the one product that matches its declared identity exactly:
 * offer code, product family, region (and `locationType` "AWS Region"), usagetype with the
 * region's own prefix, the item's further attributes, and the unit; on-demand terms
 * (JRTCKXETXF) only. Two products for one item is an error naming both SKUs.
 */

export const ON_DEMAND = 'JRTCKXETXF';

/** Location names of offers that carry no regionCode (older files, GetProducts items). */
const LOCATIONS: Readonly<Record<string, string>> = {
  'US East (N. Virginia)': 'us-east-1',
  'US East (Ohio)': 'us-east-2',
  'US West (N. California)': 'us-west-1',
  'US West (Oregon)': 'us-west-2',
  'EU (Ireland)': 'eu-west-1',
  'Europe (Ireland)': 'eu-west-1',
  'EU (London)': 'eu-west-2',
  'EU (Frankfurt)': 'eu-central-1',
  'Asia Pacific (Tokyo)': 'ap-northeast-1',
  'Asia Pacific (Singapore)': 'ap-southeast-1',
  'Asia Pacific (Sydney)': 'ap-southeast-2',
};

/** The usagetype prefixes AWS uses for a region ("EU-NatGateway-Hours", "USE1-...", "eu-west-1-KMS-Keys"). */
const USAGE_PREFIXES: Readonly<Record<string, readonly string[]>> = {
  'us-east-1': ['', 'USE1-'],
  'us-east-2': ['USE2-'],
  'us-west-1': ['USW1-'],
  'us-west-2': ['USW2-'],
  'eu-west-1': ['EU-', 'EUW1-'],
  'eu-west-2': ['EUW2-'],
  'eu-central-1': ['EUC1-'],
  'ap-northeast-1': ['APN1-'],
  'ap-southeast-1': ['APS1-'],
  'ap-southeast-2': ['APS2-'],
};
const prefixesOf = (region: string) => [...(USAGE_PREFIXES[region] ?? []), `${region}-`];

/** Attribute names compared without case, spaces or punctuation: JSON "usagetype" is CSV "usageType". */
const canonical = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** A decimal string times 10^exponent, exactly (prices per request become prices per million). */
export function shiftDecimal(value: string, exponent: number): string {
  const [whole, fraction = ''] = value.split('.');
  const digits = `${whole}${fraction}`;
  const point = whole.length + exponent;
  const padded = point > digits.length ? digits.padEnd(point, '0') : point < 1 ? `${'0'.repeat(1 - point)}${digits}` : digits;
  const at = Math.max(point, 1);
  const intPart = padded.slice(0, at).replace(/^0+(?=\d)/, '');
  const fracPart = padded.slice(at).replace(/0+$/, '');
  return fracPart ? `${intPart}.${fracPart}` : intPart;
}

/** One price dimension (tier) of an on-demand term. */
interface Dimension {
  readonly rateCode: string;
  readonly begin: string;
  readonly end: string;
  readonly unit: string;
  readonly usd: string;
  readonly description?: string;
}

interface Candidate {
  readonly sku: string;
  readonly offerCode: string;
  readonly version: string;
  readonly effectiveDate: string;
  readonly dimensions: Dimension[];
}

interface WantedSpec {
  readonly key: string;
  readonly spec: OfferSpec;
  readonly attributes: ReadonlyArray<[string, string]>;
}

export interface ImportResult {
  /** The entries found, by key. */
  readonly prices: ReadonlyMap<string, PriceEntry>;
  /** Keys asked for that no product matched. */
  readonly missing: readonly string[];
}

/** Collects the matching products of any number of offer files for one region. */
export class OfferImport {
  /** Specs by offer code | product family | usagetype (with the region's prefix, or the edge's). */
  private readonly wanted = new Map<string, WantedSpec[]>();
  private readonly found = new Map<string, Map<string, Candidate>>();

  constructor(
    readonly region: string,
    readonly keys: readonly string[],
  ) {
    for (const key of keys) {
      const spec = offerSpecOf(key);
      if (!spec) throw new GroundworkError(`The price key ${key} is declared by no resource type in catalog/resource-types, so no offer product can be matched to it.`);
      const usagetypes = spec.global ? [spec.usagetype] : spec.edgePrefix ? (spec.edgePrefix[region] !== undefined ? [`${spec.edgePrefix[region]}${spec.usagetype}`] : []) : prefixesOf(region).map((p) => `${p}${spec.usagetype}`);
      const attributes = Object.entries(spec.attributes ?? {}).map(([n, v]): [string, string] => [canonical(n), v]);
      for (const usagetype of usagetypes) {
        const index = `${spec.offerCode}|${spec.productFamily}|${usagetype}`;
        this.wanted.set(index, [...(this.wanted.get(index) ?? []), { key, spec, attributes }]);
      }
    }
  }

  /** Offers one product with its on-demand dimensions; keeps it under every key whose identity it matches exactly. */
  private offer(offerCode: string, version: string, sku: string, productFamily: string, attributes: ReadonlyMap<string, string>, effectiveDate: string, dimensions: Dimension[]): void {
    const specs = this.wanted.get(`${offerCode}|${productFamily}|${attributes.get('usagetype') ?? ''}`);
    if (!specs) return;
    for (const { key, spec, attributes: required } of specs) {
      if (!spec.edgePrefix && !spec.global) {
        const region = attributes.get('regioncode') || LOCATIONS[attributes.get('location') ?? ''];
        if (region !== this.region || attributes.get('locationtype') !== 'AWS Region') continue;
      }
      if (!required.every(([name, value]) => attributes.get(name) === value)) continue;
      if (!dimensions.length || !dimensions.every((d) => d.unit === spec.unit)) continue;
      const byKey = this.found.get(key) ?? new Map<string, Candidate>();
      const previous = byKey.get(sku);
      // The same SKU from two versions of an offer: the newer version holds.
      if (!previous || previous.version < version) byKey.set(sku, { sku, offerCode, version, effectiveDate, dimensions });
      this.found.set(key, byKey);
    }
  }

  /** A bulk offer file (`products`, `terms.OnDemand`) or GetProducts output, already parsed. */
  addJson(json: unknown, shown: string): void {
    if (!json || typeof json !== 'object') throw new GroundworkError(`${shown} is not an AWS Price List offer: expected a JSON object.`);
    const doc = json as Json;
    const dimensionsOf = (term: Json): Dimension[] =>
      Object.values(membersOf(term.priceDimensions) as Record<string, Json>).map((d) => ({
        rateCode: String(d.rateCode ?? ''),
        begin: String(d.beginRange ?? '0'),
        end: String(d.endRange ?? 'Inf'),
        unit: String(d.unit ?? ''),
        usd: String(membersOf(d.pricePerUnit).USD ?? ''),
        ...(d.description ? { description: String(d.description) } : {}),
      }));
    const attributesOf = (product: Json) => new Map(Object.entries(membersOf(product.attributes)).map(([n, v]) => [canonical(n), String(v)]));
    if (doc.products && doc.terms) {
      const offerCode = String(doc.offerCode ?? '');
      for (const [sku, value] of Object.entries(membersOf(doc.products))) {
        const product = value as Json;
        const term = membersOf(membersOf(membersOf(doc.terms).OnDemand)[sku])[`${sku}.${ON_DEMAND}`];
        if (!term) continue;
        this.offer(offerCode, String(doc.version ?? ''), sku, String(product.productFamily ?? ''), attributesOf(product), String(membersOf(term).effectiveDate ?? '').slice(0, 10), dimensionsOf(membersOf(term)));
      }
      return;
    }
    const items = Array.isArray(doc.PriceList) ? doc.PriceList.map((i: unknown) => (typeof i === 'string' ? JSON.parse(i) : i)) : doc.product ? [doc] : undefined;
    if (!items) throw new GroundworkError(`${shown} is not an AWS Price List offer: expected "products" and "terms" (bulk offer file) or "product" and "terms" (GetProducts).`);
    for (const item of items as Json[]) {
      const sku = String(membersOf(item.product).sku ?? '');
      const term = membersOf(membersOf(item.terms).OnDemand)[`${sku}.${ON_DEMAND}`];
      if (!term) continue;
      const offerCode = String(item.serviceCode ?? membersOf(membersOf(item.product).attributes).servicecode ?? '');
      const product = item.product as Json;
      this.offer(offerCode, String(item.version ?? ''), sku, String(product.productFamily ?? ''), attributesOf(product), String(membersOf(term).effectiveDate ?? '').slice(0, 10), dimensionsOf(membersOf(term)));
    }
  }

  /**
   * A CSV offer file (AWS's layout: five header lines, then one row per price dimension),
   * streamed row by row: only the rows of wanted products are kept, so gigabyte files fit.
   */
  async addCsv(file: string, shown = file): Promise<void> {
    const parser = fs.createReadStream(file).pipe(parse({ relax_column_count: true, skip_empty_lines: true }));
    const header: Record<string, string> = {};
    let columns: string[] | undefined;
    let at: Record<string, number> = {};
    const pending = new Map<string, { offerCode: string; productFamily: string; attributes: Map<string, string>; effectiveDate: string; dimensions: Dimension[] }>();
    let row = 0;
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      if (!columns) {
        if (record[0] === 'SKU') {
          columns = record;
          at = Object.fromEntries(record.map((c, i) => [c, i]));
          const missing = ['SKU', 'OfferTermCode', 'RateCode', 'TermType', 'EffectiveDate', 'StartingRange', 'EndingRange', 'Unit', 'PricePerUnit', 'Currency', 'Product Family'].filter((c) => at[c] === undefined);
          if (missing.length) throw new GroundworkError(`${shown} is not an AWS Price List CSV offer file: its column row lacks ${missing.join(', ')}.`);
          if (!header.OfferCode || !header.Version) throw new GroundworkError(`${shown} is not an AWS Price List CSV offer file: the header lines name no OfferCode or Version.`);
        } else if (row > 10) {
          throw new GroundworkError(`${shown} is not an AWS Price List CSV offer file: no "SKU" column row in its first 10 lines.`);
        } else header[record[0]] = record[1] ?? '';
        continue;
      }
      if (record[at.TermType] !== 'OnDemand' || record[at.OfferTermCode] !== ON_DEMAND || record[at.Currency] !== 'USD') continue;
      const usagetype = record[at.usageType] ?? record[at.usagetype] ?? '';
      // Cheap filter before building the attribute map: is this usagetype wanted at all?
      const family = record[at['Product Family']];
      if (!this.wanted.has(`${header.OfferCode}|${family}|${usagetype}`)) continue;
      const sku = record[at.SKU];
      const dimension: Dimension = {
        rateCode: record[at.RateCode],
        begin: record[at.StartingRange] || '0',
        end: record[at.EndingRange] || 'Inf',
        unit: record[at.Unit],
        usd: record[at.PricePerUnit],
        ...(record[at.PriceDescription] ? { description: record[at.PriceDescription] } : {}),
      };
      const seen = pending.get(sku);
      if (seen) seen.dimensions.push(dimension);
      else {
        const attributes = new Map(columns.map((c, i): [string, string] => [canonical(c), record[i] ?? '']));
        pending.set(sku, { offerCode: header.OfferCode, productFamily: family, attributes, effectiveDate: record[at.EffectiveDate].slice(0, 10), dimensions: [dimension] });
      }
    }
    if (!columns) throw new GroundworkError(`${shown} is not an AWS Price List CSV offer file: it has no "SKU" column row.`);
    for (const [sku, p] of pending) this.offer(p.offerCode, header.Version, sku, p.productFamily, p.attributes, p.effectiveDate, p.dimensions);
  }

  /** The entries found; an item matched by more than one product is an error naming them. */
  result(): ImportResult {
    const problems: string[] = [];
    const prices = new Map<string, PriceEntry>();
    for (const key of [...this.keys].sort(compareText)) {
      const candidates = [...(this.found.get(key)?.values() ?? [])];
      if (candidates.length > 1) {
        problems.push(`${key} matches ${candidates.length} products: ${candidates.map((c) => `${c.sku} (${c.offerCode} ${c.version})`).sort(compareText).join(', ')}`);
        continue;
      }
      if (candidates.length === 1) prices.set(key, entryOf(candidates[0], offerSpecOf(key)!, key, problems));
    }
    if (problems.length) throw new GroundworkError(`The offer files do not identify one product per price item in ${this.region}:`, problems);
    return { prices, missing: this.keys.filter((k) => !prices.has(k)).sort(compareText) };
  }
}

/** The first paid tier is the price (the free tiers become explicit report lines); every tier is kept. */
function entryOf(c: Candidate, spec: OfferSpec, key: string, problems: string[]): PriceEntry {
  const scale = (usd: string) => shiftDecimal(shiftDecimal(usd, spec.scale ?? 0), 0);
  const tiers = [...c.dimensions].sort((a, b) => Number(a.begin) - Number(b.begin));
  if (tiers.some((t) => !/^[0-9]+(\.[0-9]+)?$/.test(t.usd))) problems.push(`${key}: SKU ${c.sku} has a price that is not a decimal`);
  const chosen = tiers.find((t) => Number(t.usd) > 0) ?? tiers[0];
  return {
    usd: scale(chosen.usd),
    unit: declaredUnit(key),
    ...(chosen.description ? { description: chosen.description.trim() } : {}),
    ...(tiers.length > 1 ? { tiers: tiers.map((t): PriceTier => ({ from: scaleRange(t.begin, spec), ...(t.end !== 'Inf' ? { to: scaleRange(t.end, spec) } : {}), usd: scale(t.usd) })) } : {}),
    origin: { offer: { offerCode: c.offerCode, version: c.version, sku: c.sku, rateCode: chosen.rateCode, effectiveDate: c.effectiveDate } },
  };
}

/** Tier bounds in the table's unit (per million requests: 1000000 requests is 1). */
const scaleRange = (value: string, spec: OfferSpec) => shiftDecimal(value, -(spec.scale ?? 0));

const declaredUnit = (key: string) => priceItemOf(key)!.item.unit;

const OFFER_FILE_MAX_BYTES = 512 * 1024 * 1024 - 64;

/** Reads offer files (JSON in memory, CSV streamed) for one region and the keys wanted. */
export async function importOfferFiles(region: string, keys: readonly string[], files: readonly string[]): Promise<ImportResult> {
  const offers = new OfferImport(region, keys);
  for (const file of files) {
    if (!fs.existsSync(file)) throw new GroundworkError(`The offer file ${file} does not exist.`);
    if (file.toLowerCase().endsWith('.csv')) await offers.addCsv(file);
    // AWS's price lists run larger than configuration does: bounded by V8's longest string (~512 MiB) instead.
    else offers.addJson(readJsonFile(file, `The offer file ${file}`, undefined, { maxBytes: OFFER_FILE_MAX_BYTES }), file);
  }
  return offers.result();
}
