import { isGroundworkError } from '../catalog/errors';

/** Runs a command: input errors print as sentences and exit 1; bugs keep their stack trace. */
export function runCli(main: () => void | Promise<void>): void {
  const fail = (error: unknown) => {
    if (!isGroundworkError(error)) throw error;
    process.stderr.write(`${error.message}\nNothing was written.\n`);
    process.exitCode = 1;
  };
  try {
    const result = main();
    if (result instanceof Promise) result.catch(fail);
  } catch (error) {
    fail(error);
  }
}
