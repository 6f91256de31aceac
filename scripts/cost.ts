/**
 * `npm run cost -- <dir>`: the monthly cost estimate (cost-report.json, .md, .csv) of a
 * synthesized output directory or any folder of Terraform JSON, written with the catalog.
 */
import * as path from 'path';
import { Command } from 'commander';
import { writeAnalysis } from '../catalog/analyse';
import { runCommand } from '../model/run-command';

runCommand(() => {
  const program = new Command('cost')
    .description('Estimate the monthly cost of synthesized Terraform JSON per service, team, cost center and environment')
    .argument('[dir]', 'cdktf output directory, or a folder of .tf.json files', 'cdktf.out')
    .option('--usage <dir>', 'folder of usage files (defaults.json, <service>.json)', 'usage')
    .option('--prices <dir>', 'folder of <region>.json price tables (default: the built-in tables)')
    .parse();
  const dir = program.args[0] ?? 'cdktf.out';
  const { usage, prices } = program.opts<{ usage: string; prices?: string }>();
  const { cost } = writeAnalysis(dir, { usage: path.resolve(usage), prices });
  console.log(`$${cost.total.monthlyUsd.toFixed(2)} per month for ${cost.total.pricedResources} priced resources; ${cost.total.notPricedResources} not priced; $${cost.unallocated.monthlyUsd.toFixed(2)} unallocated.`);
  for (const row of cost.byTeam) console.log(`  ${row.name.padEnd(24)} $${row.monthlyUsd.toFixed(2)}`);
  console.log(`Reports in ${path.join(dir, 'catalog')}: cost-report.json, cost-report.md, cost-report.csv`);
});
