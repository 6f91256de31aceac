/**
 * An error caused by the user's input (settings, props, files), not by a bug.
 * Entry points print its message without a stack trace and exit non-zero.
 */
export class GroundworkError extends Error {
  /** One actionable sentence per problem. */
  public readonly problems: readonly string[];
  /** The output was written in full before the failure (guardrail errors): say so, not "nothing was written". */
  public readonly outputWritten: boolean;

  constructor(summary: string, problems: readonly string[] = [], options: { outputWritten?: boolean } = {}) {
    super(problems.length ? `${summary}\n${problems.map((p) => `  - ${p}`).join('\n')}` : summary);
    this.name = 'GroundworkError';
    this.problems = problems;
    this.outputWritten = options.outputWritten ?? false;
  }
}

export function isGroundworkError(e: unknown): e is GroundworkError {
  return e instanceof Error && e.name === 'GroundworkError';
}
