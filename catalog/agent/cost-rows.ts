import type { CostRow } from '../cost/report';
import type { LastAnalysis } from './last-analysis';

export const COST_DIMENSIONS = ['service', 'team', 'cost-center', 'environment'] as const;
export type CostDimension = (typeof COST_DIMENSIONS)[number];

export interface CostAnswer {
  readonly by: CostDimension;
  readonly currency: 'USD';
  readonly totalUsd: number;
  readonly rows: CostRow[];
}

/** The cost report's roll-up by one dimension (largest first, `unallocated` last), optionally one row of it. */
export function costBy(analysis: LastAnalysis, by: CostDimension, name?: string): CostAnswer {
  const report = analysis.cost;
  const rows = { service: report.byService, team: report.byTeam, 'cost-center': report.byCostCenter, environment: report.byEnvironment }[by];
  return { by, currency: report.currency, totalUsd: report.total.monthlyUsd, rows: name === undefined ? rows : rows.filter((r) => r.name === name) };
}
