import type { Command } from 'commander';
import { AnalysisInputs, DEFAULT_INPUTS } from '../catalog/analysis-inputs';

/** The analysis inputs as flags, with the defaults synth uses: every report command shares them. */
export function withAnalysisFlags(command: Command): Command {
  return command
    .argument('[dir]', 'cdktf output directory, or a folder of .tf.json files', 'cdktf.out')
    .option('--usage <dir>', 'folder of usage files (defaults.json, <service>.json)', DEFAULT_INPUTS.usage)
    .option('--suppressions <file>', 'reviewed guardrail suppressions (YAML)', DEFAULT_INPUTS.suppressions)
    .option('--prices <dir>', 'folder of <region>.json price tables (default: the built-in tables)');
}

/** The output folder and inputs a command was given. */
export function analysisRequest(command: Command): { dir: string; inputs: AnalysisInputs } {
  const { usage, suppressions, prices } = command.opts<{ usage: string; suppressions: string; prices?: string }>();
  return { dir: command.args[0] ?? 'cdktf.out', inputs: { usage, suppressions, ...(prices ? { prices } : {}) } };
}
