/**
 * `npm run cost -- <dir>`: the analysis of a synthesized output directory or any folder of
 * Terraform JSON; prints the monthly cost estimate. Writes every report, from the same inputs as synth.
 */
import * as path from 'path';
import { Command } from 'commander';
import { writeAnalysis } from '../catalog/analyse';
import { formatUsd } from '../model/money';
import { runCommand } from '../model/run-command';
import { TERMINAL_OUTPUT, printLine } from '../model/terminal-text';
import { notAnalysedLines } from '../catalog/terraform/not-analysed';
import { analysisRequest, withAnalysisFlags } from './analysis-flags';

runCommand(() => {
  const program = withAnalysisFlags(new Command('cost').configureOutput(TERMINAL_OUTPUT).description('Estimate the monthly cost of synthesized Terraform JSON per service, team, cost center and environment')).parse();
  const { dir, inputs } = analysisRequest(program);
  const { cost, catalog } = writeAnalysis(dir, inputs);
  printLine(`${formatUsd(cost.total.monthlyUsd)} per month for ${cost.total.pricedResources} priced resources; ${cost.total.notPricedResources} not priced; ${formatUsd(cost.unallocated.monthlyUsd)} unallocated.`);
  for (const row of cost.byTeam) printLine(`  ${row.name.padEnd(24)} ${formatUsd(row.monthlyUsd)}`);
  for (const line of notAnalysedLines(catalog.notAnalysed)) printLine(line);
  printLine(`Reports in ${path.join(dir, 'catalog')}: cost-report.json, cost-report.md, cost-report.csv`);
});
