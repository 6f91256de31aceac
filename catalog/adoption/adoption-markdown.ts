import { markdownText as md } from '../../model/markdown-text';
import { AdoptionReport, AdoptionTrend, LEVELS } from './adoption-report';

const change = (from: number | null, to: number | null, unit = '') => (from === null || to === null ? `${to ?? '—'}${unit}` : from === to ? `${to}${unit} (unchanged)` : `${from}${unit} → ${to}${unit}`);

/** The adoption report for people: per-team golden-path coverage first. */
export function adoptionMarkdown(report: AdoptionReport, trend?: AdoptionTrend): string {
  const paths = Object.keys(report.totals.byGoldenPath);
  const t = report.totals;
  const lines = [
    `# Golden-path adoption${report.organisation ? `: ${md(report.organisation)}` : ''}`,
    '',
    `${t.goldenPathServices} of ${t.services} services (${t.goldenPathPercent}%) come from a golden path; ${t.resources.outside} Terraform resources belong to services outside any golden path and ${t.resources.unowned} to no service.`,
    '',
    '## Per team',
    '',
    `| team | services | golden-path coverage | ${paths.map(md).join(' | ')} | resources outside | ${LEVELS.join(' | ')} |`,
    `| --- | ---: | ---: | ${paths.map(() => '---:').join(' | ')} | ---: | ${LEVELS.map(() => '---:').join(' | ')} |`,
    ...report.teams.map((r) => `| ${md(r.team)} | ${r.services} | ${r.goldenPathPercent}% | ${paths.map((p) => r.byGoldenPath[p] ?? 0).join(' | ')} | ${r.resources.outside} | ${LEVELS.map((l) => r.scorecards[l]).join(' | ')} |`),
    '',
    '## Tag coverage',
    '',
  ];
  if (!report.tagCoverage) lines.push('No policy.json beside the catalog: tag coverage unknown.', '');
  else {
    lines.push(`${report.tagCoverage.overall.percent}% of ${report.tagCoverage.overall.taggable} taggable resources carry every ownership tag.`, '', '| stack | taggable | fully tagged | % |', '| --- | ---: | ---: | ---: |');
    for (const [stack, c] of Object.entries(report.tagCoverage.byStack)) lines.push(`| ${md(stack)} | ${c.taggable} | ${c.fullyTagged} | ${c.percent}% |`);
    lines.push('');
  }
  if (trend) {
    lines.push(
      `## Trend since ${md(trend.base)}`,
      '',
      `- Services: ${change(trend.services.base, trend.services.head)}`,
      `- Golden-path coverage: ${change(trend.goldenPathPercent.base, trend.goldenPathPercent.head, '%')}`,
      `- Resources outside golden paths: ${change(trend.outsideResources.base, trend.outsideResources.head)}`,
      `- Tag coverage: ${change(trend.tagCoveragePercent.base, trend.tagCoveragePercent.head, '%')}`,
      '',
      '| team | golden-path coverage | gold services |',
      '| --- | --- | --- |',
      ...trend.teams.map((r) => `| ${md(r.team)} | ${change(r.goldenPathPercent.base, r.goldenPathPercent.head, '%')} | ${change(r.gold.base, r.gold.head)} |`),
      '',
    );
  }
  return lines.join('\n');
}
