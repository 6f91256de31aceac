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
}

export interface AnalysisFiles {
  readonly services: readonly ServiceSummary[];
  readonly cost: CostSummary;
  readonly findings: readonly FindingSummary[];
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
    return { rule: f.rule, severity: text(f.severity) ?? 'info', stack: f.stack, address: f.address, service: text(f.service), message: text(f.message) ?? '', suppressed: f.suppressed !== undefined };
  });

  return {
    services,
    cost: { byService: costRows(cost.document, 'byService', cost.shown), byTeam: costRows(cost.document, 'byTeam', cost.shown), byCostCenter: costRows(cost.document, 'byCostCenter', cost.shown), totalUsd: total },
    findings,
  };
}
