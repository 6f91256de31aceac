/**
 * `npm run cost -- <dir>`: the analysis of a synthesized output directory or any folder of
 * Terraform JSON; prints the monthly cost estimate. Writes every report, from the same inputs as synth.
 */
import * as path from 'path';
import { Command } from 'commander';
import { writeAnalysis } from '../catalog/analyse';
import { formatUsd } from '../model/money';
import { runCommand } from '../model/run-command';
import { analysisRequest, withAnalysisFlags } from './analysis-flags';

runCommand(() => {
  const program = withAnalysisFlags(new Command('cost').description('Estimate the monthly cost of synthesized Terraform JSON per service, team, cost center and environment')).parse();
  const { dir, inputs } = analysisRequest(program);
  const { cost } = writeAnalysis(dir, inputs);
  console.log(`${formatUsd(cost.total.monthlyUsd)} per month for ${cost.total.pricedResources} priced resources; ${cost.total.notPricedResources} not priced; ${formatUsd(cost.unallocated.monthlyUsd)} unallocated.`);
  for (const row of cost.byTeam) console.log(`  ${row.name.padEnd(24)} ${formatUsd(row.monthlyUsd)}`);
  console.log(`Reports in ${path.join(dir, 'catalog')}: cost-report.json, cost-report.md, cost-report.csv`);
});
