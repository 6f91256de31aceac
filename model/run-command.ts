import { isGroundworkError } from './errors';
import { writeErr } from './terminal-text';

/**
 * Runs an entry point: a GroundworkError (bad input) prints as sentences and exits 1, saying
 * whether anything was written; anything else is a bug and keeps its stack trace. Both print
 * through the terminal writer: messages quote input.
 */
export function runCommand(main: () => void | Promise<void>): void {
  const fail = (error: unknown) => {
    if (!isGroundworkError(error)) {
      // What an uncaught exception does (stack trace, exit 1), with the message's text escaped.
      writeErr(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    }
    writeErr(`${error.message.trimEnd()}\n${error.outputWritten ? '' : 'Nothing was written.\n'}`);
    process.exitCode = 1;
  };
  try {
    const result = main();
    if (result instanceof Promise) result.catch(fail);
  } catch (error) {
    fail(error);
  }
}
