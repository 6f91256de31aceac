import * as path from 'path';
import { App } from 'cdktf';
import { replaceFolderWith } from '../model/atomic-write';
import { GroundworkError } from '../model/errors';
import { collectGarbage } from '../model/collect-garbage';
import type { ParsedFiles } from '../model/parsed-files';
import { runCommand } from '../model/run-command';
import { checkPlatformExpressions } from './expression-check';
import { SYNTH_OUTPUT } from './synth-output';
import { AppRecipe, Synthesized, synthesizeRecipe } from './recipe-synth';

/**
 * Synthesizes into a fresh sibling directory and swaps it into place only when everything
 * succeeded (the output folder must be absent, empty or Groundwork's, checked before synthesis): a failed synth leaves the previous output untouched, never half of a new one.
 * Given a recipe rather than a function, the fast path synthesizes it (synth/recipe-synth.ts).
 * `afterSynth` (the analysis) is given the stacks the expression check parsed, so as not to parse them again.
 * @returns the output directory and why synthesis ran twice (where it did)
 */
export function synthesizeAtomically(build: ((app: App) => unknown) | AppRecipe, outdir: string, afterSynth?: (outdir: string, parsed: ParsedFiles) => unknown): { outdir: string; cdktfOrder?: string } {
  refuseHclOutput();
  const { cdktfOrder } = replaceFolderWith(outdir, SYNTH_OUTPUT, (staging) => {
    const { parsed, ...synthesized } = synthesize(build, staging);
    collectGarbage(); // the construct tree, before the analysis
    afterSynth?.(staging, parsed);
    return synthesized;
  });
  return { outdir: path.resolve(outdir), ...(cdktfOrder ? { cdktfOrder } : {}) };
}

/** `cdktf synth --hcl` (SYNTH_HCL_OUTPUT=true; cdktf's stacks take 1 as well) writes HCL stacks; the expression check and the analysis read the JSON ones. */
function refuseHclOutput(): void {
  const value = process.env.SYNTH_HCL_OUTPUT;
  if (value !== 'true' && value !== '1') return;
  throw new GroundworkError(`SYNTH_HCL_OUTPUT is "${value}" (cdktf synth --hcl): Groundwork checks and analyses the JSON stacks cdktf writes by default, so synthesize without --hcl.`);
}

/** Synthesis and the expression check; in a function of its own: the construct tree is garbage before the analysis starts. */
function synthesize(build: ((app: App) => unknown) | AppRecipe, outdir: string): Synthesized {
  if (typeof build !== 'function') return synthesizeRecipe(build, outdir);
  const app = new App({ outdir });
  build(app);
  app.synth();
  return { parsed: checkPlatformExpressions(outdir) };
}

/** cdktf's own validation failures (our Aspects' findings among them) are about the user's input too. */
function isCdktfValidationFailure(error: unknown): error is Error {
  return error instanceof Error && error.message.startsWith('Validation failed with the following errors');
}

/** Runs the app: cdktf's validation failures become input errors, shown without a stack trace. */
export function runMain(main: () => void): void {
  runCommand(() => {
    try {
      main();
    } catch (error) {
      if (!isCdktfValidationFailure(error)) throw error;
      throw new GroundworkError(error.message.replace(/\n\s*If you wish to ignore these validations[^\n]*\n?/, '\n').trimEnd());
    }
  });
}
