/**
 * `npm run policy -- <dir>`: runs the guardrails over a synthesized output directory or any folder
 * of Terraform JSON, writes policy.json with the catalog, prints the findings, exits 1 on errors.
 */
import * as path from 'path';
import { Command } from 'commander';
import { writeAnalysis } from '../catalog/analyse';
import { policySummary } from '../catalog/policy/report';
import { runCommand } from '../model/run-command';

runCommand(() => {
  const program = new Command('policy')
    .description('Check synthesized Terraform JSON against the guardrail packs')
    .argument('[dir]', 'cdktf output directory, or a folder of .tf.json files', 'cdktf.out')
    .option('--suppressions <file>', 'reviewed suppressions file (YAML)', 'policy-suppressions.yaml')
    .option('--usage <dir>', 'folder of usage files for the cost report written alongside', 'usage')
    .parse();
  const dir = program.args[0] ?? 'cdktf.out';
  const { suppressions, usage } = program.opts<{ suppressions: string; usage: string }>();
  const { policy } = writeAnalysis(dir, { suppressions: path.resolve(suppressions), usage: path.resolve(usage) });
  console.log(policySummary(policy));
  console.log(`Report: ${path.join(dir, 'catalog', 'policy.json')}`);
  if (!policy.summary.passed) process.exitCode = 1;
});
