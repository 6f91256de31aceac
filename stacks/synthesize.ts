import * as path from 'path';
import { App } from 'cdktf';
import { replaceFolderWith } from '../model/atomic-write';
import { GroundworkError } from '../model/errors';
import { runCommand } from '../model/run-command';
import { checkPlatformExpressions } from './expression-check';

/**
 * Synthesizes into a fresh sibling directory and swaps it into place only when everything
 * succeeded: a failed synth leaves the previous output untouched, never half of a new one.
 * @returns the output directory
 */
export function synthesizeAtomically(build: (app: App) => void, outdir: string, afterSynth?: (outdir: string) => unknown): string {
  replaceFolderWith(outdir, (staging) => {
    const app = new App({ outdir: staging });
    build(app);
    app.synth();
    checkPlatformExpressions(staging);
    afterSynth?.(staging);
  });
  return path.resolve(outdir);
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
