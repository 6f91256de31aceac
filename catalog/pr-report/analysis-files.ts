import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError } from '../../model/errors';
import { analysisRoot } from '../../model/analysis-root';
import { readContract } from '../contracts';
import type { CostReport } from '../cost/report';
import type { PolicyReport } from '../policy/report';
import { isKind, ServiceEntity } from '../service-catalog/catalog-model';

/**
 * The reports synth writes to `<output>/catalog/`, each read through its contract: the PR report
 * reads them as files, never by running the analysis again, so the base and head are judged by
 * exactly what their synth produced. A base written by an earlier contract version is upgraded
 * on read (readContract), so both sides count the same things.
 */

export type CostRow = CostReport['byService'][number];
export type FindingSummary = PolicyReport['findings'][number];
export type SuppressionSummary = PolicyReport['suppressions'][number];

export interface AnalysisFiles {
  readonly services: readonly ServiceEntity[];
  readonly cost: CostReport;
  readonly findings: readonly FindingSummary[];
  readonly suppressions: readonly SuppressionSummary[];
}

/** The catalog, cost and policy reports of one synthesized output folder. */
export function readAnalysisFiles(outputDir: string, label: string): AnalysisFiles {
  const root = analysisRoot(outputDir);
  const file = (name: string) => {
    const full = path.join(outputDir, 'catalog', name);
    if (!fs.existsSync(full)) throw new GroundworkError(`${label} folder ${outputDir} has no ${path.join('catalog', name)}: it is not a complete synthesized output; re-run synth.`);
    return full;
  };
  const catalog = readContract('catalog', file('catalog.json'), { root });
  const cost = readContract('cost-report', file('cost-report.json'), { root });
  const policy = readContract('policy-report', file('policy.json'), { root });
  return { services: catalog.entities.filter(isKind('service')), cost, findings: policy.findings, suppressions: policy.suppressions };
}
