import { imagesToBuildLines } from './images-to-build';
import { formatUsd } from '../../model/money';
import { markdownText } from '../../model/markdown-text';
import { encodePlanRecord } from './plan-digest';
import type { CostDelta, NamedCostDelta, PrReport } from './report-model';

/** Marks the one comment per pull request that the workflow creates, then updates. */
export const COMMENT_MARKER = '<!-- groundwork-pr-report -->';
/** Records the reviewed plan (plan-digest.ts, encoded) in the comment, where the deploy jobs find it. */
export const PLAN_RECORD_PREFIX = '<!-- groundwork-plan-record: ';
/** GitHub's limit for an issue or pull-request comment body. */
export const GITHUB_COMMENT_LIMIT = 65536;

/** Text from the Terraform or the reports as inert Markdown: no markup, links, mentions or line breaks. */
export const escapeMarkdown = markdownText;

const money = (n: number) => formatUsd(Math.abs(n));
const signed = (n: number) => `${n < 0 ? '−' : n > 0 ? '+' : '±'}${money(n)}`;
const percent = (d: CostDelta) => (d.percent === null ? 'new' : `${d.percent > 0 ? '+' : ''}${d.percent}%`);
const costCells = (d: CostDelta) => `${money(d.old)} | ${money(d.new)} | ${signed(d.difference)} | ${percent(d)}`;
const e = escapeMarkdown;

/** A collapsible block: a title and its lines. */
interface Details {
  readonly title: string;
  readonly lines: readonly string[];
}

function costTable(rows: readonly NamedCostDelta[], withOwner: boolean): string[] {
  if (!rows.length) return ['No change.'];
  return [
    withOwner ? '| service | team | cost center | old | new | difference | % |' : '| name | old | new | difference | % |',
    withOwner ? '| --- | --- | --- | ---: | ---: | ---: | ---: |' : '| --- | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => (withOwner ? `| ${e(r.name)} | ${e(r.team ?? '—')} | ${e(r.costCenter ?? '—')} | ${costCells(r)} |` : `| ${e(r.name)} | ${costCells(r)} |`)),
  ];
}

function summaryLines(report: PrReport): string[] {
  const s = report.summary;
  const lines = [
    '| | |',
    '| --- | --- |',
    `| danger lines | ${s.danger ? `**${s.danger}**` : '0'} |`,
    `| services | ${s.servicesAdded} added, ${s.servicesRemoved} removed, ${s.servicesChanged} changed |`,
    `| resources | ${s.resourcesAdded} added, ${s.resourcesRemoved} removed, ${s.resourcesChanged} changed |`,
    `| monthly cost | ${money(s.monthlyUsd.old)} → ${money(s.monthlyUsd.new)} (${signed(s.monthlyUsd.difference)}, ${percent(s.monthlyUsd)}) |`,
    `| guardrail findings | ${s.newFindings} new, ${s.fixedFindings} fixed${s.guardrailErrors ? `; **${s.guardrailErrors} error${s.guardrailErrors === 1 ? '' : 's'}** in the head` : ''} |`,
    `| suppressions | ${s.suppressionsChanged ? `**${s.suppressionsChanged} added or changed**` : 'none added or changed'} |`,
  ];
  // Beside the counts: an offline plan without the base's state shows no deletions at all.
  const empty = (report.plans ?? []).filter((p) => p.against === 'empty-state').map((p) => p.stack);
  const caveat = empty.length ? ` (${e(empty.join(', '))} planned against empty state: deletions are not shown by the plan)` : '';
  if (s.planned) lines.push(`| planned | ${s.planned.create} to create, ${s.planned.update} to update, ${s.planned.replace} to replace, ${s.planned.delete} to delete${caveat} |`);
  for (const p of report.plans ?? []) {
    if (p.status !== 'planned') lines.push(`| ${e(p.stack)} | ${p.status === 'failed' ? '**plan failed**' : 'not planned'}: ${e(p.reason ?? '')} |`);
  }
  return lines;
}

function detailBlocks(report: PrReport): Details[] {
  const blocks: Details[] = [];
  const cost = report.cost;
  blocks.push({
    title: `Cost per service, team and cost center (${signed(cost.total.difference)} per month)`,
    lines: ['**Per service**', '', ...costTable(cost.byService, true), '', '**Per team**', '', ...costTable(cost.byTeam, false), '', '**Per cost center**', '', ...costTable(cost.byCostCenter, false)],
  });
  if (report.services.length) {
    blocks.push({
      title: `Services (${report.services.length})`,
      lines: ['| service | change | owner | cost center | details |', '| --- | --- | --- | --- | --- |', ...report.services.map((s) => `| ${e(s.name)} | ${e(s.change)} | ${e(s.owner ?? '—')} | ${e(s.costCenter ?? '—')} | ${e(s.details.join('; '))} |`)],
    });
  }
  const f = report.findings;
  if (f.new.length || f.fixed.length || report.scorecards.length) {
    blocks.push({
      title: `Guardrails (${f.new.length} new, ${f.fixed.length} fixed)`,
      lines: [
        ...f.new.map((x) => `- new ${e(x.severity)} ${e(x.rule)}: ${e(x.stack)} ${e(x.address)}: ${e(x.message)}`),
        ...f.fixed.map((x) => `- fixed ${e(x.severity)} ${e(x.rule)}: ${e(x.stack)} ${e(x.address)}`),
        ...report.scorecards.map((c) => `- scorecard of ${e(c.service)}: ${e(c.from ?? 'none')} → ${e(c.to ?? 'none')}`),
      ],
    });
  }
  for (const p of report.plans ?? []) {
    if (p.status !== 'planned' || !p.byService?.length) continue;
    const a = p.actions!;
    blocks.push({
      title: `Plan of ${e(p.stack)}: ${a.create} to create, ${a.update} to update, ${a.replace} to replace, ${a.delete} to delete`,
      lines: p.byService.flatMap((s) => [`**${e(s.service)}**`, ...s.changes.map((c) => `- ${e(c.action)} ${e(c.address)}`), '']),
    });
  }
  if (report.ownership.length) {
    blocks.push({ title: `Ownership changes (${report.ownership.length})`, lines: report.ownership.map((o) => `- ${e(o.stack)} ${e(o.address)}: ${e(o.change)}`) });
  }
  const stacks = [...new Set(report.resources.map((r) => r.stack))];
  for (const stack of stacks) {
    const rows = report.resources.filter((r) => r.stack === stack);
    blocks.push({
      title: `Resources of ${e(stack)} (${rows.length} changes)`,
      lines: rows.map((r) => `- ${e(r.change)} ${e(r.address)}${r.service ? ` (${e(r.service)})` : ''}${r.attributes ? `: ${e(r.attributes.join(', '))}` : ''}`),
    });
  }
  return blocks;
}

/**
 * The PR comment: the marker, danger lines, the summary table, then details in collapsible
 * blocks. Only details are cut to stay within `limit`, and the comment says how many lines were.
 */
export function renderMarkdown(report: PrReport, limit = GITHUB_COMMENT_LIMIT): string {
  const head: string[] = [COMMENT_MARKER, ...(report.planRecord ? [`${PLAN_RECORD_PREFIX}${encodePlanRecord(report.planRecord)} -->`] : []), '## Groundwork: infrastructure changes', ''];
  // Errors first: synth fails on them, and everything below is what the analysis could say anyway.
  if (report.guardrailErrors.length) {
    const n = report.guardrailErrors.length;
    head.push(`### ⛔ Guardrails: ${n} error${n === 1 ? '' : 's'}: synth fails until ${n === 1 ? 'it is' : 'they are'} fixed or suppressed`, '');
    for (const x of report.guardrailErrors) head.push(`- **${e(x.rule)}** ${e(x.stack)} ${e(x.address)}${x.service ? ` (service ${e(x.service)})` : ''}: ${e(x.message)}`);
    head.push('');
  }
  if (report.danger.length) {
    head.push(`### ⚠️ Danger: ${report.danger.length} change${report.danger.length === 1 ? '' : 's'} that can lose data or protection`, '');
    for (const d of report.danger) head.push(`- **${e(d.stack)}** ${e(d.address)}${d.service ? ` (service ${e(d.service)}${d.owner ? `, owner ${e(d.owner)}` : ''})` : ''}: ${e(d.reason)}`);
    head.push('');
  } else {
    head.push('No danger lines: nothing stateful is deleted or replaced, no deletion protection is turned off, nothing moves between stacks.', '');
  }
  // What the change switches off, right after the danger lines and never collapsed.
  if (report.suppressions.length) {
    const n = report.suppressions.length;
    head.push(`### 🔕 Suppressions: ${n} guardrail exception${n === 1 ? '' : 's'} added or changed`, '');
    for (const x of report.suppressions) {
      const what = x.resources.length ? x.resources.map(e).join(', ') : `no finding yet (${e(x.scope)})`;
      const where = x.location ? `${e(x.location)}` : e(x.source);
      head.push(`- ${x.change} **${e(x.rule)}** for ${what}: “${e(x.reason)}”; ${x.expires ? `expires ${e(x.expires)}` : 'no expiry'}; ${where}${x.was ? ` (was: ${e(x.was)})` : ''}`);
    }
    head.push('');
  }
  head.push(...summaryLines(report), '');
  head.push(...imagesToBuildLines(report.imagesToBuild, e));
  let text = `${head.join('\n')}\n`;
  // Room for the closing tag and the note on what was left out.
  const reserve = 300;
  let omitted = 0;
  for (const block of detailBlocks(report)) {
    const open = `<details><summary>${block.title}</summary>\n\n`;
    const close = '\n</details>\n';
    if (omitted || text.length + open.length + close.length + reserve > limit) {
      omitted += block.lines.length;
      continue;
    }
    let body = '';
    let i = 0;
    for (; i < block.lines.length; i++) {
      const next = `${block.lines[i]}\n`;
      if (text.length + open.length + body.length + next.length + close.length + reserve > limit) break;
      body += next;
    }
    omitted += block.lines.length - i;
    text += `${open}${body}${close}`;
  }
  if (omitted) text += `\n_${omitted} detail line${omitted === 1 ? '' : 's'} left out to stay within GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')}-character comment limit; pr-report.json has everything._\n`;
  return text;
}
