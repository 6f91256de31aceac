import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { GroundworkError } from '../../model/errors';
import { UNALLOCATED } from '../terraform/ownership-inference';
import { ANY_MAP_KEY, BillingFormat, DEFAULT_TAG_CANDIDATES, detectFormat, KeyRange, mapKeyFilter, MapKeyFilter, normalisedSelect, readerOf, SPEND_KEYS, SpendKey } from './formats';

export interface SpendOptions {
  /** Files or globs (DuckDB expands them). */
  readonly billing: readonly string[];
  /** First and last month, YYYY-MM. @default all */
  readonly from?: string;
  readonly to?: string;
  /** Which FOCUS cost: EffectiveCost (amortised, after discounts) or BilledCost. @default 'effective' */
  readonly cost?: 'billed' | 'effective';
  /** Billing tag keys per ownership key, tried before the defaults, e.g. { 'cost-center': ['business_unit'] }. */
  readonly tagMap?: Readonly<Partial<Record<SpendKey, readonly string[]>>>;
  /** DuckDB memory limit. @default '2GB' */
  readonly memoryLimit?: string;
  /** How many untagged resources and services to list. @default 10 */
  readonly top?: number;
}

export interface SpendRow {
  readonly name: string;
  readonly total: number;
  readonly credits: number;
  readonly months: Record<string, number>;
}

export interface SpendReport {
  readonly currency: string;
  readonly costColumn: 'billed' | 'effective';
  readonly sources: Array<{ file: string; format: BillingFormat; rows: number }>;
  readonly months: string[];
  readonly total: { amount: number; credits: number; rows: number };
  readonly byMonth: Record<string, number>;
  readonly byService: SpendRow[];
  readonly byTeam: SpendRow[];
  readonly byCostCenter: SpendRow[];
  readonly byEnvironment: SpendRow[];
  /** Share of positive spend carrying each key, in %. */
  readonly tagCoverage: Record<SpendKey, number>;
  readonly unallocated: {
    readonly amount: number;
    readonly topResources: Array<{ resourceId: string; billingService: string; amount: number }>;
    readonly topBillingServices: Array<{ billingService: string; amount: number }>;
  };
  /** Per service: its largest billing services, for reconciliation. */
  readonly contributors: Record<string, Array<{ billingService: string; amount: number }>>;
  readonly tagMap: Record<SpendKey, readonly string[]>;
}

const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
const micro = (n: unknown) => Math.round(Number(n) * 1e6) / 1e6;

/** A query's rows in DuckDB's JSON form; the caller states the columns its SQL selects (text columns as strings). */
async function rows<Row = Record<string, unknown>>(connection: DuckDBConnection, sql: string): Promise<Row[]> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Row[];
}

/** Files a pattern names, in order; a pattern naming nothing is an error. */
async function expand(connection: DuckDBConnection, pattern: string): Promise<string[]> {
  const found = (await rows(connection, `SELECT file FROM glob('${pattern.replace(/'/g, "''")}') ORDER BY file`)).map((r) => String(r.file));
  if (!found.length) throw new GroundworkError(`--billing ${pattern} names no file.`);
  return found;
}

/** For a CUR 2.0 Parquet file: the tag keys its statistics admit (a CSV file admits every key). */
async function tagKeyFilter(connection: DuckDBConnection, file: string): Promise<MapKeyFilter> {
  if (!/\.parquet$/i.test(file)) return ANY_MAP_KEY;
  const ranges = await rows<KeyRange>(connection, `SELECT stats_min_value AS min, stats_max_value AS max FROM parquet_metadata('${file.replace(/'/g, "''")}') WHERE path_in_schema = 'resource_tags, key_value, key'`);
  return mapKeyFilter(ranges);
}

/**
 * Actual spend per month and per service, team, cost center and environment, from billing exports
 * read in place by DuckDB (nothing is loaded row by row into JavaScript). Mixed currencies, unknown
 * formats and missing columns are refused with the file named.
 */
export async function analyseSpend(options: SpendOptions): Promise<SpendReport> {
  for (const [flag, value] of [['--from', options.from], ['--to', options.to]] as const) {
    if (value !== undefined && !MONTH.test(value)) throw new GroundworkError(`${flag} ${value} is not a month such as 2024-09.`);
  }
  if (options.from && options.to && options.from > options.to) throw new GroundworkError(`--from ${options.from} is after --to ${options.to}.`);
  const costColumn = options.cost ?? 'effective';
  const tagMap = Object.fromEntries(SPEND_KEYS.map((k) => [k, [...new Set([...(options.tagMap?.[k] ?? []), ...DEFAULT_TAG_CANDIDATES[k]])]])) as unknown as Record<SpendKey, readonly string[]>;

  const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: options.memoryLimit ?? '2GB' });
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    const files = (await Promise.all(options.billing.map((p) => expand(connection, p)))).flat();
    const selects: string[] = [];
    const sources: SpendReport['sources'] = [];
    for (const file of files) {
      let described: Record<string, unknown>[];
      try {
        described = await rows(connection, `DESCRIBE SELECT * FROM ${readerOf(file)}`);
      } catch (error) {
        throw new GroundworkError(`Cannot read ${file} as ${/\.parquet$/i.test(file) ? 'Parquet' : 'CSV'}: ${(error as Error).message.split('\n')[0]}`);
      }
      const columns = new Set(described.map((c) => String(c.column_name)));
      const format = detectFormat(file, columns);
      selects.push(normalisedSelect(readerOf(file), format, columns, tagMap, costColumn, format === 'cur-2.0' ? await tagKeyFilter(connection, file) : ANY_MAP_KEY));
      sources.push({ file, format, rows: 0 });
    }
    const window = [options.from ? `month >= '${options.from}'` : '', options.to ? `month <= '${options.to}'` : ''].filter(Boolean).join(' AND ') || 'TRUE';
    try {
      // One pass over the exports: everything below reads this small grouped table.
      await connection.run(`CREATE TEMP TABLE spend AS
        -- A resource id is only reported for spend without a service: keeping it for the rest would multiply the groups.
        SELECT source, month, currency, billing_service, CASE WHEN "service" IS NULL THEN resource_id END AS resource_id, "service", "owner", "cost-center", "environment",
               SUM(cost) AS cost, SUM(CASE WHEN cost < 0 THEN cost ELSE 0 END) AS credits, COUNT(*) AS line_items
        FROM (${selects.map((s, i) => `SELECT ${i} AS source, * FROM (${s})`).join(' UNION ALL ')})
        WHERE ${window}
        GROUP BY ALL`);
    } catch (error) {
      throw new GroundworkError(`Cannot aggregate the billing data: ${(error as Error).message.split('\n')[0]}. Check the cost and date columns of ${files.join(', ')}.`);
    }
    for (const r of await rows(connection, 'SELECT source, SUM(line_items)::BIGINT AS n FROM spend GROUP BY source')) sources[Number(r.source)].rows = Number(r.n);

    const currencies = await rows(connection, `SELECT currency, source, SUM(cost)::DOUBLE AS amount FROM spend GROUP BY ALL ORDER BY currency, source`);
    const distinct = [...new Set(currencies.map((c) => String(c.currency)))];
    if (distinct.length > 1) {
      throw new GroundworkError(
        `The billing data mixes currencies (${distinct.join(', ')}); spend is only added up in one currency. Convert the exports first, or run once per currency:`,
        currencies.map((c) => `${files[Number(c.source)]}: ${micro(c.amount)} ${c.currency}`),
      );
    }

    const [totals] = await rows(connection, 'SELECT COALESCE(SUM(cost), 0)::DOUBLE AS amount, COALESCE(SUM(credits), 0)::DOUBLE AS credits, COALESCE(SUM(line_items), 0)::BIGINT AS n FROM spend');
    const months = (await rows(connection, 'SELECT DISTINCT month FROM spend ORDER BY month')).map((r) => String(r.month));
    const byMonth = Object.fromEntries((await rows(connection, 'SELECT month, SUM(cost)::DOUBLE AS amount FROM spend GROUP BY month ORDER BY month')).map((r) => [r.month, micro(r.amount)]));

    const dimension = async (key: SpendKey): Promise<SpendRow[]> => {
      const result = await rows<{ name: string; month: string; amount: unknown; credits: unknown }>(
        connection,
        `SELECT COALESCE("${key}", '${UNALLOCATED}') AS name, month, SUM(cost)::DOUBLE AS amount, SUM(credits)::DOUBLE AS credits FROM spend GROUP BY ALL ORDER BY name, month`,
      );
      const byName = new Map<string, SpendRow>();
      for (const r of result) {
        const row = byName.get(r.name) ?? { name: String(r.name), total: 0, credits: 0, months: {} };
        row.months[r.month] = micro(r.amount);
        byName.set(r.name, { ...row, total: micro(row.total + Number(r.amount)), credits: micro(row.credits + Number(r.credits)) });
      }
      const list = [...byName.values()];
      const allocated = list.filter((r) => r.name !== UNALLOCATED).sort((a, b) => b.total - a.total || (a.name < b.name ? -1 : 1));
      return [...allocated, byName.get(UNALLOCATED) ?? { name: UNALLOCATED, total: 0, credits: 0, months: {} }];
    };

    const coverageRow = (await rows(
      connection,
      `SELECT ${SPEND_KEYS.map((k) => `COALESCE(SUM(cost) FILTER (WHERE cost > 0 AND "${k}" IS NOT NULL) / NULLIF(SUM(cost) FILTER (WHERE cost > 0), 0) * 100, 0)::DOUBLE AS "${k}"`).join(', ')} FROM spend`,
    ))[0];
    const top = options.top ?? 10;
    const untagged = `"service" IS NULL`;
    const [unallocated] = await rows(connection, `SELECT COALESCE(SUM(cost), 0)::DOUBLE AS amount FROM spend WHERE ${untagged}`);
    const topResources = await rows(
      connection,
      `SELECT resource_id, string_agg(DISTINCT billing_service, ', ' ORDER BY billing_service) AS billing_service, SUM(cost)::DOUBLE AS amount
       FROM spend WHERE ${untagged} AND resource_id IS NOT NULL GROUP BY resource_id ORDER BY amount DESC, resource_id LIMIT ${top}`,
    );
    const topServices = await rows(connection, `SELECT billing_service, SUM(cost)::DOUBLE AS amount FROM spend WHERE ${untagged} GROUP BY ALL ORDER BY amount DESC, billing_service LIMIT ${top}`);
    const contributorRows = await rows<{ service: string; billing_service: unknown; amount: unknown }>(
      connection,
      `SELECT "service" AS service, billing_service, amount FROM (
         SELECT "service", billing_service, SUM(cost)::DOUBLE AS amount, row_number() OVER (PARTITION BY "service" ORDER BY SUM(cost) DESC, billing_service) AS rank
         FROM spend WHERE "service" IS NOT NULL GROUP BY "service", billing_service) WHERE rank <= 3 ORDER BY service, rank`,
    );
    const contributors: SpendReport['contributors'] = {};
    for (const r of contributorRows) (contributors[r.service] ??= []).push({ billingService: String(r.billing_service), amount: micro(r.amount) });

    return {
      currency: distinct[0] ?? 'USD',
      costColumn,
      sources,
      months,
      total: { amount: micro(totals.amount), credits: micro(totals.credits), rows: Number(totals.n) },
      byMonth,
      byService: await dimension('service'),
      byTeam: await dimension('owner'),
      byCostCenter: await dimension('cost-center'),
      byEnvironment: await dimension('environment'),
      tagCoverage: Object.fromEntries(SPEND_KEYS.map((k) => [k, Math.round(Number(coverageRow[k]) * 10) / 10])) as Record<SpendKey, number>,
      unallocated: {
        amount: micro(unallocated.amount),
        topResources: topResources.map((r) => ({ resourceId: String(r.resource_id), billingService: String(r.billing_service), amount: micro(r.amount) })),
        topBillingServices: topServices.map((r) => ({ billingService: String(r.billing_service), amount: micro(r.amount) })),
      },
      contributors,
      tagMap,
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
