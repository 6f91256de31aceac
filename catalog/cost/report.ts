import { formatUsd } from '../../model/money';
import { stringify } from 'csv-stringify/sync';
import { groupBy } from '../../model/group-by';
import { markdownText as md } from '../../model/markdown-text';
import { compareText } from '../../model/stable-json';
import { CostLine, Estimate, FREE_TIER_TYPE, NotPricedResource, Provenance } from './estimate';
import { UNALLOCATED } from '../terraform/ownership-inference';
import { HOURS_PER_MONTH } from '../resource-types/pricing';
import { isPartial } from './price-table';
import { DEFAULT_USAGE, Usage } from './usage';

export interface CostRow {
  readonly name: string;
  readonly monthlyUsd: number;
  readonly resources: number;
  readonly team?: string;
  readonly costCenter?: string;
}

export interface CostReport {
  readonly currency: 'USD';
  readonly hoursPerMonth: number;
  /**
   * `complete` false: a partial table, holding only the entries a named source gives for the region.
   * Optional so that reports written before partial tables existed still read (absent: complete).
   */
  readonly priceTables: Array<{ region: string; effectiveDate: string; source: string; complete?: boolean }>;
  /** Every price source used, with how many report lines (components) it priced. */
  readonly sources: Array<{ source: string; date: string; verified: boolean; lines: number }>;
  /** The documented usage defaults when the report was written, by name: a newer version may know more of them. */
  readonly usage: { defaults: Readonly<Record<string, number>>; serviceFiles: string[] };
  readonly total: { monthlyUsd: number; pricedResources: number; freeResources: number; notPricedResources: number };
  readonly byService: CostRow[];
  readonly byTeam: CostRow[];
  readonly byCostCenter: CostRow[];
  readonly byEnvironment: CostRow[];
  readonly unallocated: { monthlyUsd: number; resources: Array<{ stack: string; address: string; type: string; monthlyUsd: number }> };
  readonly notPriced: { byType: Array<{ type: string; count: number; reasons: string[] }>; resources: NotPricedResource[] };
  readonly resources: Array<Omit<CostLine, 'monthlyCents' | 'components'> & { monthlyUsd: number; components: Array<{ item: string; what: string; quantity: number; unit: string; unitUsd: string; monthlyUsd: number; provenance: Provenance }> }>;
}

const usd = (cents: number) => cents / 100;

/** The row free tier credits take in the service, team and cost center roll-ups (an account's, not a service's). */
export const FREE_TIER_ROW = 'free tier';
const isFreeTier = (l: CostLine) => l.type === FREE_TIER_TYPE;

/**
 * Sums lines per key, largest first, with the explicit `unallocated` row (lines without the key)
 * always last, even at $0: every row is a sum of whole cents, so rows add up to the total exactly.
 */
function rollUp(lines: readonly CostLine[], keyOf: (l: CostLine) => string | undefined, extra?: (lines: CostLine[]) => Partial<CostRow>): CostRow[] {
  const groups = new Map<string, CostLine[]>();
  const unallocated: CostLine[] = [];
  for (const l of lines) {
    const k = keyOf(l);
    if (k === undefined) {
      unallocated.push(l);
      continue;
    }
    const group = groups.get(k);
    if (group) group.push(l);
    else groups.set(k, [l]);
  }
  const cents = (group: CostLine[]) => group.reduce((s, l) => s + l.monthlyCents, 0);
  const free = groups.get(FREE_TIER_ROW);
  groups.delete(FREE_TIER_ROW);
  const rows = [...groups.entries()]
    .map(([name, group]) => ({ name, cents: cents(group), group }))
    .sort((a, b) => b.cents - a.cents || compareText(a.name, b.name))
    .map(({ name, cents: c, group }) => ({ name, monthlyUsd: usd(c), resources: group.length, ...(extra ? extra(group) : {}) }));
  if (free) rows.push({ name: FREE_TIER_ROW, monthlyUsd: usd(cents(free)), resources: 0 });
  return [...rows, { name: UNALLOCATED, monthlyUsd: usd(cents(unallocated)), resources: unallocated.length }];
}

const single = (values: Array<string | undefined>) => {
  const set = [...new Set(values.filter((v): v is string => Boolean(v)))];
  return set.length === 1 ? set[0] : undefined;
};

export function buildCostReport(estimate: Estimate, usage: Usage): CostReport {
  const { lines } = estimate;
  const unallocated = lines.filter((l) => !isFreeTier(l) && (!l.service || !l.team || !l.costCenter || !l.environment));
  const resourceLines = lines.filter((l) => !isFreeTier(l));
  const orFree = (key: (l: CostLine) => string | undefined) => (l: CostLine) => (isFreeTier(l) ? FREE_TIER_ROW : key(l));
  const sources = new Map<string, { source: string; date: string; verified: boolean; lines: number }>();
  for (const c of lines.flatMap((l) => l.components)) {
    const id = `${c.provenance.source}|${c.provenance.date}`;
    const seen = sources.get(id);
    if (seen) seen.lines++;
    else sources.set(id, { source: c.provenance.source, date: c.provenance.date, verified: c.provenance.verified, lines: 1 });
  }
  const byType = groupBy(estimate.notPriced, (n) => n.type);
  return {
    currency: 'USD',
    hoursPerMonth: HOURS_PER_MONTH,
    priceTables: estimate.tablesUsed.map((t) => ({ region: t.region, effectiveDate: t.effectiveDate, source: t.summary, complete: !isPartial(t) })),
    sources: [...sources.values()].sort((a, b) => b.lines - a.lines || compareText(a.source, b.source)),
    usage: { defaults: { ...DEFAULT_USAGE }, serviceFiles: usage.serviceFiles },
    total: {
      monthlyUsd: usd(lines.reduce((s, l) => s + l.monthlyCents, 0)),
      pricedResources: resourceLines.length,
      freeResources: estimate.freeResources,
      notPricedResources: estimate.notPriced.length,
    },
    byService: rollUp(lines, orFree((l) => l.service), (g) => ({ team: single(g.map((l) => l.team)), costCenter: single(g.map((l) => l.costCenter)) })),
    byTeam: rollUp(lines, orFree((l) => l.team)),
    byCostCenter: rollUp(lines, orFree((l) => l.costCenter)),
    byEnvironment: rollUp(lines, (l) => l.environment),
    unallocated: {
      monthlyUsd: usd(unallocated.reduce((s, l) => s + l.monthlyCents, 0)),
      resources: unallocated.map((l) => ({ stack: l.stack, address: l.address, type: l.type, monthlyUsd: usd(l.monthlyCents) })),
    },
    notPriced: {
      byType: [...byType.entries()].sort(([a], [b]) => compareText(a, b)).map(([type, list]) => ({ type, count: list.length, reasons: [...new Set(list.map((n) => n.reason))].sort() })),
      resources: estimate.notPriced,
    },
    resources: lines.map((line) => reportLine(line)),
  };
}

/** A cost line in dollars (cents and components left out, components added in dollars), copied member by member: model/shared-shape.ts says why. */
function reportLine(line: CostLine): CostReport['resources'][number] {
  const out = inDollars(line, 'components');
  out.components = line.components.map((c) => inDollars(c));
  return out as unknown as CostReport['resources'][number];
}

/** Every member but monthlyCents (and `skip`), then monthlyUsd. */
function inDollars(value: { readonly monthlyCents: number }, skip?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) if (key !== 'monthlyCents' && key !== skip) out[key] = (value as Record<string, unknown>)[key];
  out.monthlyUsd = usd(value.monthlyCents);
  return out;
}

function table(title: string, rows: CostRow[], total: number, columns: Array<[string, (r: CostRow) => string]> = []): string {
  const header = `| ${title} | ${columns.map(([h]) => `${h} | `).join('')}monthly | share |\n| --- | ${columns.map(() => '--- | ').join('')}---: | ---: |`;
  const body = rows.map((r) => `| ${r.name === UNALLOCATED ? '**unallocated**' : md(r.name)} | ${columns.map(([, f]) => `${md(f(r))} | `).join('')}${formatUsd(r.monthlyUsd)} | ${total ? ((100 * r.monthlyUsd) / total).toFixed(1) : '0.0'}% |`);
  return [header, ...body].join('\n');
}

/** The partial price tables used, named: a missing price there makes a resource not priced. */
function partialTables(report: CostReport): string[] {
  const partial = report.priceTables.filter((t) => t.complete === false).map((t) => md(t.region));
  return partial.length ? [`- Partial price tables: ${partial.join(', ')} (only the prices a named public source gives; a resource whose price is missing there is listed as not priced).`] : [];
}

/** The report for people: totals per team and cost center first, then the details. */
export function costMarkdown(report: CostReport, organisation?: string): string {
  const total = report.total.monthlyUsd;
  const prices = report.priceTables.map((t) => `${md(t.region)} (prices of ${md(t.effectiveDate)})`).join(', ') || 'none used';
  const sources = [...new Set(report.priceTables.map((t) => md(t.source)))];
  const top = report.byService.filter((r) => r.name !== UNALLOCATED).slice(0, 10);
  const lines = [
    `# Monthly cost estimate${organisation ? `: ${md(organisation)}` : ''}`,
    '',
    `**${formatUsd(total)} per month** (on-demand, ${report.hoursPerMonth} hours) for ${report.total.pricedResources} priced resources. Price tables: ${prices}.`,
    '',
    `- Unallocated (missing owner, service, cost-center or environment tags): **${formatUsd(report.unallocated.monthlyUsd)}** across ${report.unallocated.resources.length} resources.`,
    `- Not priced: **${report.total.notPricedResources} resources**${report.notPriced.byType.length ? ` (${report.notPriced.byType.map((t) => `${t.count} × ${md(t.type)}`).join(', ')})` : ''}; their cost is not in the totals.`,
    `- ${report.total.freeResources} resources cost nothing by themselves (networking plumbing, IAM, configuration).`,
    ...partialTables(report),
    '',
    '## By team',
    '',
    table('team', report.byTeam, total),
    '',
    '## By cost center',
    '',
    table('cost center', report.byCostCenter, total),
    '',
    '## By environment',
    '',
    table('environment', report.byEnvironment, total),
    '',
    `## Top ${top.length} services`,
    '',
    table('service', top, total, [
      ['team', (r) => r.team ?? ''],
      ['cost center', (r) => r.costCenter ?? ''],
    ]),
  ];
  const free = report.byTeam.find((r) => r.name === FREE_TIER_ROW);
  if (free) lines.push('', `Free tiers (once per account, i.e. environment: CloudWatch alarms, dashboards and log ingestion, SQS and SNS requests) take **${formatUsd(free.monthlyUsd)}** off, as explicit "free tier" lines.`);
  if (report.notPriced.byType.length) {
    lines.push('', '## Not priced', '', '| resource type | count | why |', '| --- | ---: | --- |');
    for (const t of report.notPriced.byType) lines.push(`| ${md(t.type)} | ${t.count} | ${md(t.reasons.join('; '))} |`);
  }
  lines.push(
    '',
    '## How this is computed',
    '',
    `Each resource is priced from the on-demand price tables (${sources.join('; ') || 'none'}). ` +
      `Usage-priced items (S3 storage and requests, SQS requests, log ingestion, NAT data, load balancer capacity) take their figures from \`usage/<service>.json\`, else \`usage/defaults.json\`, else these defaults: ` +
      Object.entries(report.usage.defaults)
        .map(([k, v]) => `${md(k)} ${v}`)
        .join(', ') +
      '. Kubernetes workloads are priced as replicas × (CPU request × vCPU-hour + memory request × GiB-hour).',
    '',
    '## Sources',
    '',
    'Where each unit price comes from, and how many report lines it priced:',
    '',
    '| source | date | lines |',
    '| --- | --- | ---: |',
    ...report.sources.map((s) => `| ${md(s.source)}${s.verified ? '' : ' ⚠'} | ${md(s.date || '—')} | ${s.lines} |`),
    '',
    '⚠: not confirmed by an AWS offer record or an independent published figure.',
    '',
  );
  return lines.join('\n');
}

export function* costCsv(report: CostReport): Generator<string> {
  // A thousand lines at a time: a large plan's CSV is never one string, nor all its rows at once.
  for (let at = 0; at === 0 || at < report.resources.length; at += CSV_CHUNK) {
    const rows = report.resources.slice(at, at + CSV_CHUNK).flatMap((r) =>
      r.components.map((c) => [r.stack, r.address, r.type, r.service ?? UNALLOCATED, r.team ?? UNALLOCATED, r.costCenter ?? UNALLOCATED, r.environment ?? UNALLOCATED, r.region, c.item, c.what, c.quantity, c.unit, c.unitUsd, c.monthlyUsd.toFixed(2), c.provenance.sku ?? c.provenance.source, c.provenance.date]),
    );
    yield stringify(rows, { header: at === 0, columns: CSV_COLUMNS });
  }
}

const CSV_CHUNK = 1000;
const CSV_COLUMNS = ['stack', 'address', 'type', 'service', 'team', 'cost_center', 'environment', 'region', 'price_item', 'what', 'quantity', 'unit', 'unit_usd', 'monthly_usd', 'price_source', 'price_date'];
