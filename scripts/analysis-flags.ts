import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import { AnalysisInputs, DEFAULT_INPUTS } from '../catalog/analysis-inputs';

/** Where the reports of a plan go by default, in the plan's folder: a folder of its own, never a project's `catalog/` source folder. */
export const PLAN_REPORT_FOLDER = 'groundwork-plan-report';

/** The analysis inputs as flags, with the defaults synth uses: every report command shares them. */
export function withAnalysisFlags(command: Command): Command {
  // Usage errors come back to runCommand (exit status 1 for npm scripts, 2 for the scanner) rather than exiting here.
  return command
    .exitOverride()
    .argument('[dir]', 'cdktf output directory, or a folder of .tf.json files', 'cdktf.out')
    .option('--usage <dir>', 'folder of usage files (defaults.json, <service>.json)', DEFAULT_INPUTS.usage)
    .option('--suppressions <file>', 'reviewed guardrail suppressions (YAML)', DEFAULT_INPUTS.suppressions)
    .option('--prices <dir>', 'folder of <region>.json price tables (default: the built-in tables)')
    .option('--root <dir>', 'no file the Terraform names (manifest entries, .tf.json files, symlinks) may lie outside this folder (default: the git top level of [dir], else [dir] itself)')
    .option('--plan <file or folder>', `read a Terraform plan in JSON (terraform show -json plan.out), or a folder of them, instead of [dir]; reports go to [dir]/catalog, by default <the plan's folder>/${PLAN_REPORT_FOLDER}/catalog`);
}

/** The output folder and inputs a command was given. */
export function analysisRequest(command: Command): { dir: string; inputs: AnalysisInputs } {
  const { usage, suppressions, prices, plan, root } = command.opts<{ usage: string; suppressions: string; prices?: string; plan?: string; root?: string }>();
  const besidePlan = plan && path.join(fs.existsSync(plan) && fs.statSync(plan).isDirectory() ? plan : path.dirname(plan), PLAN_REPORT_FOLDER);
  return { dir: command.args[0] ?? besidePlan ?? 'cdktf.out', inputs: { usage, suppressions, ...(prices ? { prices } : {}), ...(plan ? { plan } : {}), ...(root ? { root } : {}) } };
}
