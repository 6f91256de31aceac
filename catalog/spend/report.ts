import { stringify } from 'csv-stringify/sync';
import { formatMoney } from '../../model/money';
import { markdownText as md } from '../../model/markdown-text';
import { UNALLOCATED } from '../terraform/ownership-inference';
import type { Reconciliation } from './reconcile';
import type { SpendReport, SpendRow } from './spend';


/** spend.json: the spend report and, when an estimate was at hand, its reconciliation. */
export interface SpendDocument extends SpendReport {
  readonly reconciliation?: Reconciliation;
}

function table(title: string, rows: SpendRow[], months: string[], currency: string): string {
  const head = `| ${title} | ${months.map(md).join(' | ')} | total | credits |\n| --- | ${months.map(() => '---: | ').join('')}---: | ---: |`;
  return [head, ...rows.map((r) => `| ${r.name === UNALLOCATED ? '**unallocated**' : md(r.name)} | ${months.map((m) => `${formatMoney(r.months[m] ?? 0, currency)} | `).join('')}${formatMoney(r.total, currency)} | ${formatMoney(r.credits, currency)} |`)].join('\n');
}

/** For finance and owners: spend per team, cost center, environment and service, what nobody owns, and the estimate's accuracy. */
export function spendMarkdown(report: SpendReport, reconciliation?: Reconciliation): string {
  // The currency comes from the billing data: Markdown text like any other value.
  const c = md(report.currency);
  const lines = [
    '# Actual spend',
    '',
    `**${formatMoney(report.total.amount, c)}** over ${report.months.map(md).join(', ') || 'no month'} (${report.costColumn === 'effective' ? 'effective cost, after discounts' : 'billed cost'}), from ${report.sources.map((s) => `${md(s.file)} (${md(s.format)}, ${s.rows} line items)`).join(', ')}. Credits and refunds: ${formatMoney(report.total.credits, c)}.`,
    '',
    `Tag coverage of spend: ${Object.entries(report.tagCoverage).map(([k, v]) => `${md(k)} ${v}%`).join(', ')}.`,
    '',
    '## By team', '', table('team', report.byTeam, report.months, c), '',
    '## By cost center', '', table('cost center', report.byCostCenter, report.months, c), '',
    '## By environment', '', table('environment', report.byEnvironment, report.months, c), '',
    '## By service', '', table('service', report.byService, report.months, c), '',
    `## Unallocated: ${formatMoney(report.unallocated.amount, c)} without a service tag`, '',
    '| billing service | spend |', '| --- | ---: |',
    ...report.unallocated.topBillingServices.map((s) => `| ${md(s.billingService)} | ${formatMoney(s.amount, c)} |`),
    '', '| untagged resource | billing service | spend |', '| --- | --- | ---: |',
    ...report.unallocated.topResources.map((r) => `| ${md(r.resourceId)} | ${md(r.billingService)} | ${formatMoney(r.amount, c)} |`),
  ];
  if (reconciliation) {
    lines.push(
      '', `## Estimate against actual, ${md(reconciliation.month)}`, '',
      `Estimated ${formatMoney(reconciliation.estimateMonthlyUsd, 'USD')} per month; spent ${formatMoney(reconciliation.actualUsd, c)}.`, '',
      '| service | estimate | actual | variance | largest contributors |', '| --- | ---: | ---: | ---: | --- |',
      ...reconciliation.services.map(
        (s) => `| ${md(s.service)} | ${formatMoney(s.estimateUsd, 'USD')} | ${formatMoney(s.actualUsd, c)} | ${formatMoney(s.varianceUsd, c)}${s.variancePct === null ? '' : ` (${s.variancePct}%)`} | ${s.largestContributors.map((x) => `${md(x.billingService)} ${formatMoney(x.amount, c)}`).join(', ')} |`,
      ),
    );
  }
  lines.push('');
  return lines.join('\n');
}

export function spendCsv(report: SpendReport): string {
  const rows: Array<Array<string | number>> = [];
  for (const [dimension, list] of [['service', report.byService], ['team', report.byTeam], ['cost_center', report.byCostCenter], ['environment', report.byEnvironment]] as const) {
    for (const r of list) for (const month of report.months) rows.push([dimension, r.name, month, (r.months[month] ?? 0).toFixed(6), report.currency]);
  }
  return stringify(rows, { header: true, columns: ['dimension', 'name', 'month', 'amount', 'currency'] });
}
