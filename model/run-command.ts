import { isGroundworkError } from './errors';

/**
 * Runs an entry point: a GroundworkError (bad input) prints as sentences and exits 1, saying
 * whether anything was written; anything else is a bug and keeps its stack trace.
 */
export function runCommand(main: () => void | Promise<void>): void {
  const fail = (error: unknown) => {
    if (!isGroundworkError(error)) throw error;
    process.stderr.write(`${error.message.trimEnd()}\n${error.outputWritten ? '' : 'Nothing was written.\n'}`);
    process.exitCode = 1;
  };
  try {
    const result = main();
    if (result instanceof Promise) result.catch(fail);
  } catch (error) {
    fail(error);
  }
}
