/** One IAM policy statement; every grant names concrete actions and resources. */
export interface PolicyStatement {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/**
 * What a resource's `grant*` methods need of whoever is granted: a place to add least-privilege
 * statements. A ServiceRole is one; so is any role a team brings.
 */
export interface IGrantee {
  /** Adds the statements under `id`, unique among the grantee's grants. */
  grant(id: string, statements: readonly PolicyStatement[]): void;
}
