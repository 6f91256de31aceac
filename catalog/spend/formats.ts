import { GroundworkError } from '../../model/errors';
import { CORE_KEYS, CoreKey } from '../../model/ownership-record';
import { tagCandidates } from '../../model/tag-aliases';

/** The billing export formats Groundwork reads, told apart by their columns. */
export type BillingFormat = 'focus' | 'cur-legacy' | 'cur-2.0';

/** Spend is grouped by the ownership record's core keys, as the catalog names them. */
export const SPEND_KEYS = CORE_KEYS;
export type SpendKey = CoreKey;

/** Tag keys tried, in order, for each ownership key: the one alias mapping (model/tag-aliases.ts); --tag-map puts the user's first. */
export const DEFAULT_TAG_CANDIDATES: Readonly<Record<SpendKey, readonly string[]>> = tagCandidates();

interface FormatColumns {
  readonly cost: (costColumn: 'billed' | 'effective') => string;
  readonly chargeStart: string;
  readonly currency?: string;
  readonly billingService: string;
  readonly resourceId?: string;
  /** SQL of one tag's value, given its key; undefined when the export has no such tag. */
  readonly tag: (key: string, columns: ReadonlySet<string>, mayHoldKey: MapKeyFilter) => string | undefined;
  readonly required: readonly string[];
}

/** Whether a tag map may hold a key (from the file's statistics); every key where nothing is known. */
export type MapKeyFilter = (key: string) => boolean;
export const ANY_MAP_KEY: MapKeyFilter = () => true;

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const lit = (text: string) => `'${text.replace(/'/g, "''")}'`;

export const FORMATS: Readonly<Record<BillingFormat, FormatColumns>> = {
  focus: {
    cost: (c) => (c === 'billed' ? 'BilledCost' : 'EffectiveCost'),
    chargeStart: 'ChargePeriodStart',
    currency: 'BillingCurrency',
    billingService: 'ServiceName',
    resourceId: 'ResourceId',
    // FOCUS keeps tags as one JSON object; AWS writes user tags as "user:<key>".
    tag: (key, columns) => (columns.has('Tags') ? `COALESCE(json_extract_string(Tags, ${lit(`$."${key}"`)}), json_extract_string(Tags, ${lit(`$."user:${key}"`)}))` : undefined),
    required: ['BilledCost', 'EffectiveCost', 'ChargePeriodStart', 'ServiceName', 'BillingCurrency'],
  },
  'cur-legacy': {
    cost: () => q('lineItem/UnblendedCost'),
    chargeStart: q('lineItem/UsageStartDate'),
    currency: q('lineItem/CurrencyCode'),
    billingService: q('lineItem/ProductCode'),
    resourceId: q('lineItem/ResourceId'),
    tag: (key, columns) => {
      const found = [`resourceTags/user:${key}`, `resourceTags/${key}`].filter((c) => columns.has(c));
      return found.length ? `COALESCE(${found.map(q).join(', ')})` : undefined;
    },
    required: ['lineItem/UnblendedCost', 'lineItem/UsageStartDate', 'lineItem/ProductCode'],
  },
  'cur-2.0': {
    cost: () => 'line_item_unblended_cost',
    chargeStart: 'line_item_usage_start_date',
    currency: 'line_item_currency_code',
    billingService: 'line_item_product_code',
    resourceId: 'line_item_resource_id',
    // CUR 2.0 keeps tags in a map; user tags are "user_<key>" with other characters as "_".
    // Each lookup scans the row's map: only keys the file's statistics say it may hold are looked up.
    tag: (key, columns, mayHoldKey) => {
      const keys = [...new Set([`user_${key.replace(/[^A-Za-z0-9]/g, '_')}`, `user_${key}`, `user:${key}`, key])].filter(mayHoldKey);
      return columns.has('resource_tags') && keys.length ? `COALESCE(${keys.map((k) => `resource_tags[${lit(k)}]`).join(', ')})` : undefined;
    },
    required: ['line_item_unblended_cost', 'line_item_usage_start_date', 'line_item_product_code'],
  },
};

/** Which format a file is, from its columns; a clear error for anything else. */
export function detectFormat(file: string, columns: ReadonlySet<string>): BillingFormat {
  const format: BillingFormat | undefined = columns.has('ChargePeriodStart') || columns.has('BilledCost')
    ? 'focus'
    : columns.has('lineItem/UnblendedCost') || columns.has('lineItem/UsageStartDate')
      ? 'cur-legacy'
      : columns.has('line_item_unblended_cost') || columns.has('line_item_usage_start_date')
        ? 'cur-2.0'
        : undefined;
  if (!format) {
    throw new GroundworkError(
      `${file} is not a billing export Groundwork reads: expected FOCUS (BilledCost, ChargePeriodStart, ...), legacy AWS CUR (lineItem/UnblendedCost, ...) or CUR 2.0 (line_item_unblended_cost, ...); its columns start ${[...columns].slice(0, 8).join(', ')}.`,
    );
  }
  const missing = FORMATS[format].required.filter((c) => !columns.has(c));
  if (missing.length) throw new GroundworkError(`${file} looks like ${format} but lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`);
  return format;
}

/** One file as rows of (month, cost, currency, billing service, resource, ownership keys). */
export function normalisedSelect(
  source: string,
  format: BillingFormat,
  columns: ReadonlySet<string>,
  candidates: Readonly<Record<SpendKey, readonly string[]>>,
  costColumn: 'billed' | 'effective',
  mayHoldKey: MapKeyFilter = ANY_MAP_KEY,
): string {
  const f = FORMATS[format];
  const tags = SPEND_KEYS.map((key) => {
    // Two candidates can name the same column or map key (cost-center and cost_center): look it up once.
    const parts = [...new Set(candidates[key].map((c) => f.tag(c, columns, mayHoldKey)).filter((s): s is string => Boolean(s)))];
    // Exports write missing tags as NULL, '' or the string 'NULL'.
    return parts.length ? `NULLIF(NULLIF(CAST(COALESCE(${parts.join(', ')}) AS VARCHAR), ''), 'NULL') AS ${q(key)}` : `CAST(NULL AS VARCHAR) AS ${q(key)}`;
  });
  return `SELECT
    strftime(CAST(${f.chargeStart} AS TIMESTAMPTZ), '%Y-%m') AS month,
    CAST(${f.cost(costColumn)} AS DECIMAL(38, 10)) AS cost,
    ${f.currency && columns.has(f.currency.replace(/"/g, '')) ? f.currency : "'USD'"} AS currency,
    CAST(${f.billingService} AS VARCHAR) AS billing_service,
    ${f.resourceId && columns.has(f.resourceId.replace(/"/g, '')) ? `NULLIF(CAST(${f.resourceId} AS VARCHAR), '')` : 'NULL'} AS resource_id,
    ${tags.join(',\n    ')}
  FROM ${source}`;
}

/** DuckDB reads the file in place: Parquet, CSV or gzip CSV, by extension. */
export function readerOf(file: string): string {
  if (/\.parquet$/i.test(file)) return `read_parquet(${lit(file)})`;
  return `read_csv(${lit(file)}, header = true, nullstr = ['NULL', ''], sample_size = 20480)`;
}

/** Parquet statistics of the tag map's keys: per row group, the smallest and largest key, or null where the writer kept none. */
export interface KeyRange {
  readonly min: string | null;
  readonly max: string | null;
}

/**
 * Which keys a CUR 2.0 tag map may hold, from its row groups' statistics: a key outside every row
 * group's [min, max] is in no row. Byte order, as Parquet compares; a writer may truncate the
 * statistics to a prefix (smaller min, prefix of max), so a key starting with the max may be held.
 * A row group without statistics admits every key.
 */
export function mapKeyFilter(ranges: readonly KeyRange[]): MapKeyFilter {
  if (!ranges.length || ranges.some((r) => r.min === null || r.max === null)) return ANY_MAP_KEY;
  const bytes = ranges.map((r) => ({ min: Buffer.from(r.min!), max: Buffer.from(r.max!) }));
  return (key) => {
    const k = Buffer.from(key);
    return bytes.some((r) => Buffer.compare(k, r.min) >= 0 && (Buffer.compare(k, r.max) <= 0 || k.subarray(0, r.max.length).equals(r.max)));
  };
}
