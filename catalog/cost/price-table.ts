import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError } from '../../model/errors';
import { readJsonFile } from '../../model/read-json';
import { compareText } from '../../model/stable-json';
import priceTableSchema from '../schema/price-table.schema.json';
import { compile, schemaProblems } from '../../model/schema-validator';
import { priceItemOf } from './price-items';

/** A price taken from an AWS Price List offer record. */
export interface OfferOrigin {
  readonly offerCode: string;
  readonly version: string;
  readonly sku: string;
  readonly rateCode: string;
  readonly effectiveDate: string;
}

/** A price no offer record covers yet: a named publication or file, its version and date. */
export interface ReferenceOrigin {
  readonly title: string;
  readonly location: string;
  readonly version: string;
  readonly date: string;
  /** False when the figure was transcribed and no independent source confirmed it. */
  readonly verified: boolean;
}

export type PriceOrigin = { readonly offer: OfferOrigin } | { readonly reference: ReferenceOrigin };

export interface PriceTier {
  readonly from: string;
  readonly to?: string;
  readonly usd: string;
}

export interface PriceEntry {
  readonly usd: string;
  readonly unit: string;
  readonly description?: string;
  /** Every tier of a tiered price, as published; `usd` is the first paid one. */
  readonly tiers?: readonly PriceTier[];
  readonly origin: PriceOrigin;
}

export interface PriceTable {
  readonly region: string;
  readonly currency: 'USD';
  /** The newest date among the entries' origins. */
  readonly effectiveDate: string;
  /** Where the entries come from, counted (computed from the entries; checked on load). */
  readonly summary: string;
  readonly notes?: string;
  /**
   * False for a partial table: only the entries a named source gives for the region, so a
   * resource whose key is missing is not priced there. Absent: complete, every key our pricers emit.
   */
  readonly complete?: boolean;
  readonly prices: Readonly<Record<string, PriceEntry>>;
}

/** A table that holds only some of the keys our pricers emit. */
export const isPartial = (table: PriceTable): boolean => table.complete === false;

export const BUILT_IN_PRICES = path.join(__dirname, '..', 'prices');
const validate = compile<PriceTable>(priceTableSchema);

/** A decimal USD string as an integer number of nano-dollars: exact, no float drift. */
export function toNano(usd: string): number {
  const [whole, fraction = ''] = usd.split('.');
  return Number(whole) * 1e9 + Number(fraction.padEnd(9, '0').slice(0, 9));
}

export const originDate = (origin: PriceOrigin): string => ('offer' in origin ? origin.offer.effectiveDate : origin.reference.date);

/** One short line naming an entry's origin: the SKU of an offer record or the reference. */
export function originLabel(origin: PriceOrigin): string {
  if ('offer' in origin) return `${origin.offer.offerCode} offer ${origin.offer.version}, SKU ${origin.offer.sku}`;
  const r = origin.reference;
  return `${r.title} (${r.location}, ${r.version})${r.verified ? '' : ', transcribed, unverified'}`;
}

/** The table's honest summary: how many entries come from offer records, references, and unverified transcriptions. */
export function summarise(prices: Readonly<Record<string, PriceEntry>>): { summary: string; effectiveDate: string } {
  const entries = Object.values(prices);
  const offers = entries.filter((e) => 'offer' in e.origin);
  const references = entries.filter((e) => 'reference' in e.origin && e.origin.reference.verified);
  const unverified = entries.length - offers.length - references.length;
  const newest = (list: PriceEntry[]) => list.map((e) => originDate(e.origin)).sort().at(-1);
  const parts = [
    `${offers.length} of ${entries.length} entries from AWS offer records${offers.length ? `, newest ${newest(offers)}` : ''}`,
    `${references.length} from named published references${references.length ? `, newest ${newest(references)}` : ''}`,
    `${unverified} transcribed and unverified`,
  ];
  return { summary: parts.join('; '), effectiveDate: newest(entries) ?? '1970-01-01' };
}

/** Schema, declared keys and units, and a summary that matches the entries. */
export function validatePriceTable(table: unknown, shown: string): PriceTable {
  if (!validate(table)) throw new GroundworkError(`The price table ${shown} is invalid:`, schemaProblems(validate));
  const problems: string[] = [];
  for (const [key, entry] of Object.entries(table.prices).sort(([a], [b]) => compareText(a, b))) {
    const declared = priceItemOf(key);
    if (!declared) problems.push(`${key}: no such price item (each is declared by its resource type in catalog/resource-types)`);
    else if (declared.item.unit !== entry.unit) problems.push(`${key}: unit "${entry.unit}" is not the declared unit "${declared.item.unit}"`);
  }
  const { summary, effectiveDate } = summarise(table.prices);
  if (table.summary !== summary) problems.push(`summary "${table.summary}" does not match its entries ("${summary}")`);
  if (table.effectiveDate !== effectiveDate) problems.push(`effectiveDate ${table.effectiveDate} is not the newest entry date ${effectiveDate}`);
  if (problems.length) throw new GroundworkError(`The price table ${shown} is invalid:`, problems);
  return table;
}

/** Every `<region>.json` table in a folder, validated, by region. */
export function loadPriceTables(folder = BUILT_IN_PRICES): Map<string, PriceTable> {
  const tables = new Map<string, PriceTable>();
  if (!fs.existsSync(folder)) throw new GroundworkError(`The price folder ${folder} does not exist.`);
  for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
    const shown = path.join(path.basename(folder), file);
    const json = readJsonFile(path.join(folder, file), `The price table ${shown}`);
    const table = validatePriceTable(json, shown);
    if (`${table.region}.json` !== file) throw new GroundworkError(`The price table ${shown} is for region ${table.region}; name it ${table.region}.json.`);
    tables.set(table.region, table);
  }
  if (!tables.size) throw new GroundworkError(`No price tables (<region>.json) in ${folder}.`);
  return tables;
}
