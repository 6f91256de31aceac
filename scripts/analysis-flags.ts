import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import { GroundworkError } from '../model/errors';
import { AnalysisInputs, DEFAULT_INPUTS } from '../catalog/analysis-inputs';
import type { VariableArgument } from '../catalog/terraform/variable-values';

/** Where the reports of a plan go by default, in the plan's folder: a folder of its own, never a project's `catalog/` source folder. */
export const PLAN_REPORT_FOLDER = 'groundwork-plan-report';

/** Where the reports of a state go by default, in the state's folder. */
export const STATE_REPORT_FOLDER = 'groundwork-state-report';

/** --var-file and --var in the order given: Terraform applies them in that order, later ones winning. */
const variableArguments = new WeakMap<Command, VariableArgument[]>();

/** The analysis inputs as flags, with the defaults synth uses: every report command shares them. */
export function withAnalysisFlags(command: Command): Command {
  const variables: VariableArgument[] = [];
  variableArguments.set(command, variables);
  // Usage errors come back to runCommand (exit status 1 for npm scripts, 2 for the scanner) rather than exiting here.
  return command
    .exitOverride()
    .argument('[dir]', 'cdktf output directory, or a folder of Terraform (.tf, .tf.json; each folder a root configuration unless another calls it as a module)', 'cdktf.out')
    .option('--usage <dir>', 'folder of usage files (defaults.json, <service>.json)', DEFAULT_INPUTS.usage)
    .option('--suppressions <file>', 'reviewed guardrail suppressions (YAML)', DEFAULT_INPUTS.suppressions)
    .option('--prices <dir>', 'folder of <region>.json price tables (default: the built-in tables)')
    .option('--root <dir>', 'no file the Terraform names (manifest entries, .tf.json files, symlinks) may lie outside this folder (default: the git top level of [dir], else [dir] itself)')
    .option('--var-file <file>', 'a variables file (.tfvars or .tfvars.json) for plain Terraform folders; repeatable, after terraform.tfvars and *.auto.tfvars', (file: string) => void variables.push({ file }))
    .option('--var <name=value>', 'a variable value for plain Terraform folders; repeatable, the last one given wins', (assignment: string) => void variables.push({ assignment }))
    .option('--state <file>', `read a Terraform state (terraform show -json, or terraform.tfstate v4) instead of [dir]: what exists; the configuration in its folder is compared with it; reports go to [dir]/catalog, by default <the state's folder>/${STATE_REPORT_FOLDER}/catalog`)
    .option('--plan <file or folder>', `read a Terraform plan in JSON (terraform show -json plan.out), or a folder of them, instead of [dir]; reports go to [dir]/catalog, by default <the plan's folder>/${PLAN_REPORT_FOLDER}/catalog`);
}

/** The output folder and inputs a command was given. */
export function analysisRequest(command: Command): { dir: string; inputs: AnalysisInputs } {
  const { usage, suppressions, prices, plan, root, state } = command.opts<{ usage: string; suppressions: string; prices?: string; plan?: string; root?: string; state?: string }>();
  const besidePlan = plan && path.join(fs.existsSync(plan) && fs.statSync(plan).isDirectory() ? plan : path.dirname(plan), PLAN_REPORT_FOLDER);
  if (plan && state) throw new GroundworkError('--plan and --state are two different inputs: pass one of them.');
  const besideState = state && path.join(path.dirname(state), STATE_REPORT_FOLDER);
  const variables = variableArguments.get(command) ?? [];
  return {
    dir: command.args[0] ?? besidePlan ?? besideState ?? 'cdktf.out',
    inputs: { usage, suppressions, ...(prices ? { prices } : {}), ...(plan ? { plan } : {}), ...(state ? { state } : {}), ...(root ? { root } : {}), ...(variables.length ? { variables: [...variables] } : {}) },
  };
}
