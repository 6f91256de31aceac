import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError } from '../../model/errors';
import { analysisRoot } from '../../model/analysis-root';
import { readJsonFile } from '../../model/read-json';

/**
 * Small typed readers of the reports synth writes to `<output>/catalog/`: the PR report reads
 * them as files (the analysis contracts), never by running the analysis again, so the base and
 * head are judged by exactly what their synth produced.
 */

export interface ServiceSummary {
  readonly name: string;
  readonly owner?: string;
  readonly costCenter?: string;
  readonly scorecard?: string;
}

export interface CostRow {
  readonly name: string;
  readonly monthlyUsd: number;
  readonly team?: string;
  readonly costCenter?: string;
}

export interface CostSummary {
  readonly byService: readonly CostRow[];
  readonly byTeam: readonly CostRow[];
  readonly byCostCenter: readonly CostRow[];
  readonly totalUsd: number;
}

export interface FindingSummary {
  readonly rule: string;
  readonly severity: string;
  readonly stack: string;
  readonly address: string;
  readonly service?: string;
  readonly message: string;
  readonly suppressed: boolean;
  /** The suppression that covers it (policy.json's source names the construct or file). */
  readonly suppressedBy?: { readonly reason: string; readonly source: string };
}

/** A suppression as policy.json reports it: its scope, reason, expiry, and how many findings it covered. */
export interface SuppressionSummary {
  readonly rule: string;
  readonly reason: string;
  readonly source: string;
  readonly path?: string;
  readonly stack?: string;
  readonly address?: string;
  readonly expires?: string;
  readonly reviewedBy?: string;
  readonly applied: number;
  readonly expired: boolean;
}

export interface AnalysisFiles {
  readonly services: readonly ServiceSummary[];
  readonly cost: CostSummary;
  readonly findings: readonly FindingSummary[];
  readonly suppressions: readonly SuppressionSummary[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function arrayAt(document: unknown, key: string, shown: string): unknown[] {
  const value = isObject(document) ? document[key] : undefined;
  if (!Array.isArray(value)) throw new GroundworkError(`${shown} has no "${key}" list: it is not a Groundwork report; re-run synth.`);
  return value;
}

function costRows(document: unknown, key: string, shown: string): CostRow[] {
  return arrayAt(document, key, shown).map((row, i) => {
    if (!isObject(row) || typeof row.name !== 'string' || typeof row.monthlyUsd !== 'number' || !Number.isFinite(row.monthlyUsd)) {
      throw new GroundworkError(`${shown}: ${key}[${i}] needs a "name" and a finite "monthlyUsd"; re-run synth.`);
    }
    return { name: row.name, monthlyUsd: row.monthlyUsd, team: text(row.team), costCenter: text(row.costCenter) };
  });
}

/** The catalog, cost and policy reports of one synthesized output folder. */
export function readAnalysisFiles(outputDir: string, label: string): AnalysisFiles {
  const folder = path.join(outputDir, 'catalog');
  const root = analysisRoot(outputDir);
  const file = (name: string) => {
    const full = path.join(folder, name);
    const shown = `${label} ${path.join('catalog', name)}`;
    if (!fs.existsSync(full)) throw new GroundworkError(`${label} folder ${outputDir} has no ${path.join('catalog', name)}: it is not a complete synthesized output; re-run synth.`);
    return { document: readJsonFile(full, `The ${shown}`, undefined, { root }), shown };
  };

  const catalog = file('catalog.json');
  const services = arrayAt(catalog.document, 'entities', catalog.shown)
    .filter((e): e is Record<string, unknown> => isObject(e) && e.kind === 'service' && typeof e.name === 'string')
    .map((e) => ({
      name: e.name as string,
      owner: text(e.owner),
      costCenter: text(e.costCenter),
      scorecard: isObject(e.scorecard) ? text(e.scorecard.level) : undefined,
    }));

  const cost = file('cost-report.json');
  const total = isObject(cost.document) && isObject(cost.document.total) ? cost.document.total.monthlyUsd : undefined;
  if (typeof total !== 'number' || !Number.isFinite(total)) throw new GroundworkError(`${cost.shown} has no finite total.monthlyUsd; re-run synth.`);

  const policy = file('policy.json');
  const findings = arrayAt(policy.document, 'findings', policy.shown).map((f, i) => {
    if (!isObject(f) || typeof f.rule !== 'string' || typeof f.address !== 'string' || typeof f.stack !== 'string') {
      throw new GroundworkError(`${policy.shown}: findings[${i}] needs "rule", "stack" and "address"; re-run synth.`);
    }
    const by = isObject(f.suppressed) && typeof f.suppressed.reason === 'string' && typeof f.suppressed.source === 'string' ? { reason: f.suppressed.reason, source: f.suppressed.source } : undefined;
    return { rule: f.rule, severity: text(f.severity) ?? 'info', stack: f.stack, address: f.address, service: text(f.service), message: text(f.message) ?? '', suppressed: f.suppressed !== undefined, ...(by ? { suppressedBy: by } : {}) };
  });
  // Older reports have no list: no suppressions to compare.
  const listed = isObject(policy.document) && Array.isArray(policy.document.suppressions) ? policy.document.suppressions : [];
  const suppressions = listed.map((x, i): SuppressionSummary => {
    if (!isObject(x) || typeof x.rule !== 'string' || typeof x.reason !== 'string' || typeof x.source !== 'string') {
      throw new GroundworkError(`${policy.shown}: suppressions[${i}] needs "rule", "reason" and "source"; re-run synth.`);
    }
    const optional = Object.fromEntries((['path', 'stack', 'address', 'expires', 'reviewedBy'] as const).filter((k) => typeof x[k] === 'string').map((k) => [k, x[k]]));
    return { rule: x.rule, reason: x.reason, source: x.source, ...optional, applied: typeof x.applied === 'number' ? x.applied : 0, expired: x.expired === true };
  });

  return {
    services,
    cost: { byService: costRows(cost.document, 'byService', cost.shown), byTeam: costRows(cost.document, 'byTeam', cost.shown), byCostCenter: costRows(cost.document, 'byCostCenter', cost.shown), totalUsd: total },
    findings,
    suppressions,
  };
}
