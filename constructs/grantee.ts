/** One IAM policy statement; every grant names concrete actions and resources. */
export interface PolicyStatement {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** IAM conditions, where an action is allowed only in a certain way (e.g. through a guardrail). @default none */
  readonly conditions?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/**
 * What a resource's `grant*` methods need of whoever is granted: a place to add least-privilege
 * statements. A ServiceRole is one; so is any role a team brings.
 */
export interface IGrantee {
  /** Adds the statements under `id`, unique among the grantee's grants. */
  grant(id: string, statements: readonly PolicyStatement[]): void;
}
