/**
 * An error caused by the user's input (settings, props, files), not by a bug.
 * Entry points print its message without a stack trace and exit non-zero.
 */
export class GroundworkError extends Error {
  /** One actionable sentence per problem. */
  public readonly problems: readonly string[];

  constructor(summary: string, problems: readonly string[] = []) {
    super(problems.length ? `${summary}\n${problems.map((p) => `  - ${p}`).join('\n')}` : summary);
    this.name = 'GroundworkError';
    this.problems = problems;
  }
}

export function isGroundworkError(e: unknown): e is GroundworkError {
  return e instanceof Error && e.name === 'GroundworkError';
}
