import { isGroundworkError } from './errors';
import { writeErr } from './terminal-text';

/**
 * The exit status for bad input (a GroundworkError, or a command line commander refused): 1 for
 * the npm scripts, 2 when run as the `groundwork` scanner, which answers as checkov does (0
 * passed, 1 failed checks, 2 the run itself could not be done).
 */
let inputErrorStatus = 1;
export function setInputErrorStatus(status: number): void {
  inputErrorStatus = status;
}

/** commander's own errors (with exitOverride): it has already printed the message, or the help. */
function isCommanderExit(error: unknown): error is { exitCode: number; code: string } {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' && (error as { code: string }).code.startsWith('commander.') && typeof (error as { exitCode?: unknown }).exitCode === 'number';
}

/**
 * Runs an entry point: a GroundworkError (bad input) prints as sentences and exits with the
 * input-error status, saying whether anything was written; anything else is a bug and keeps its
 * stack trace. Both print through the terminal writer: messages quote input.
 */
export function runCommand(main: () => void | Promise<void>): void {
  const fail = (error: unknown) => {
    if (isCommanderExit(error)) {
      process.exitCode = error.exitCode === 0 ? 0 : inputErrorStatus;
      return;
    }
    if (!isGroundworkError(error)) {
      // What an uncaught exception does (stack trace, exit 1), with the message's text escaped.
      writeErr(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    }
    writeErr(`${error.message.trimEnd()}\n${error.outputWritten ? '' : 'Nothing was written.\n'}`);
    process.exitCode = inputErrorStatus;
  };
  try {
    const result = main();
    if (result instanceof Promise) result.catch(fail);
  } catch (error) {
    fail(error);
  }
}
