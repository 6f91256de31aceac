import { groupBy } from '../../model/group-by';
import { Catalog, isKind } from '../service-catalog/catalog-model';
import type { ResourceRecord } from '../terraform/resource-index';
import { notAnalysedLines } from '../terraform/not-analysed';
import type { NotAnalysed } from '../terraform/resource-instances';
import { active, Finding, PolicyRun } from './engine';
import { Scorecard, scoreService } from './scorecards';

export interface PolicyReport {
  readonly summary: { errors: number; warnings: number; infos: number; suppressed: number; passed: boolean };
  readonly tagCoverage: PolicyRun['coverage'];
  readonly findings: Finding[];
  readonly suppressions: PolicyRun['suppressions'];
  readonly scorecards: Scorecard[];
  /** What the guardrails could not look into (module calls without a plan): never a silent pass. */
  readonly notAnalysed?: NotAnalysed[];
}

/** Findings, coverage, suppressions and a scorecard per service of the catalog. */
export function buildPolicyReport(run: PolicyRun, catalog: Catalog, records: readonly ResourceRecord[], notAnalysed: readonly NotAnalysed[] = []): PolicyReport {
  const recordsBy = groupBy(records, (r) => r.ownership.service);
  const openBy = groupBy(
    run.findings.filter((f) => !f.suppressed),
    (f) => f.service,
  );
  const scorecards = catalog.entities
    .filter(isKind('service'))
    .map((service) => {
      return scoreService(service, catalog, recordsBy.get(service.name) ?? [], openBy.get(service.name) ?? [], (r) => run.context.isProduction(r));
    });
  const errors = active(run.findings, 'error').length;
  return {
    summary: {
      errors,
      warnings: active(run.findings, 'warning').length,
      infos: active(run.findings, 'info').length,
      suppressed: run.findings.filter((f) => f.suppressed).length,
      passed: errors === 0,
    },
    tagCoverage: run.coverage,
    findings: run.findings,
    suppressions: run.suppressions,
    scorecards,
    ...(notAnalysed.length ? { notAnalysed: [...notAnalysed] } : {}),
  };
}

/** The catalog with each service's scorecard level and failing checks on it. */
export function withScorecards(catalog: Catalog, scorecards: readonly Scorecard[]): Catalog {
  const byService = new Map(scorecards.map((card) => [card.service, card]));
  return {
    ...catalog,
    entities: catalog.entities.map((e) => {
      const card = e.kind === 'service' ? byService.get(e.name) : undefined;
      return card ? { ...e, scorecard: { level: card.level, failing: card.checks.filter((c) => !c.passed).map((c) => c.id) } } : e;
    }),
  };
}

const where = (f: Finding) => `${f.stack} ${f.address}${f.constructPath ? ` (${f.constructPath})` : f.file ? ` (${f.file}:${f.line})` : ''}`;

/** The short list people read in a terminal or a pull request: errors, then warnings, then suppressions. */
export function policySummary(report: PolicyReport): string {
  const s = report.summary;
  const lines = [`Guardrails: ${s.errors} errors, ${s.warnings} warnings, ${s.suppressed} suppressed; tag coverage ${report.tagCoverage.overall.percent}%.`];
  for (const f of report.findings.filter((x) => !x.suppressed)) {
    lines.push(`  ${f.severity.toUpperCase().padEnd(7)} ${f.rule}: ${where(f)} ${f.message}.`, `          Fix: ${f.fix}`);
  }
  lines.push(...notAnalysedLines(report.notAnalysed));
  for (const x of report.suppressions.filter((x) => x.applied > 0)) {
    lines.push(`  SUPPRESSED ${x.rule} × ${x.applied} by ${x.source}: ${x.reason}`);
  }
  for (const x of report.suppressions.filter((x) => x.applied === 0)) {
    lines.push(`  UNUSED  suppression of ${x.rule} by ${x.source}${x.expired ? ` (expired ${x.expires})` : ''}: remove it or fix its scope.`);
  }
  return lines.join('\n');
}
