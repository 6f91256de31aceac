import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError } from '../../model/errors';
import { readJsonFile } from '../../model/read-json';
import priceTableSchema from '../schema/price-table.schema.json';
import { compile, schemaProblems } from '../../model/schema-validator';

export interface PriceEntry {
  readonly usd: string;
  readonly unit: string;
  readonly description?: string;
  readonly sku?: string;
}

export interface PriceTable {
  readonly region: string;
  readonly currency: 'USD';
  readonly effectiveDate: string;
  readonly source: string;
  readonly notes?: string;
  readonly prices: Readonly<Record<string, PriceEntry>>;
}

export const BUILT_IN_PRICES = path.join(__dirname, '..', 'prices');
const validate = compile<PriceTable>(priceTableSchema);

/** A decimal USD string as an integer number of nano-dollars: exact, no float drift. */
export function toNano(usd: string): number {
  const [whole, fraction = ''] = usd.split('.');
  return Number(whole) * 1e9 + Number(fraction.padEnd(9, '0').slice(0, 9));
}

export function validatePriceTable(table: unknown, shown: string): PriceTable {
  if (!validate(table)) {
    throw new GroundworkError(`The price table ${shown} is invalid:`, schemaProblems(validate));
  }
  return table;
}

/** Every `<region>.json` table in a folder, validated, by region. */
export function loadPriceTables(folder = BUILT_IN_PRICES): Map<string, PriceTable> {
  const tables = new Map<string, PriceTable>();
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
