import { GroundworkError } from '../model/errors';
import type { OrganisationSettings } from '../model/organisation-settings';
import { describeOwnershipProblem, MANAGED_BY, OwnershipInput, OwnershipRecord, OwnershipSettings, OwnershipValidator, PLATFORM_KEYS, resolveOwnership } from '../model/ownership-record';

export type { OwnershipInput } from '../model/ownership-record';
import { githubTopics, kubernetesLabelProblems } from '../model/tag-limits';

/**
 * A validated ownership record for one service, optionally in one environment. Every construct
 * stamps what it creates from one of these; invalid input never gets this far.
 */
export class Ownership {
  /**
   * Validates the input against the organisation's ownership schema and the team's cost centers.
   * @param where the construct path the input belongs to, named in every error
   * @throws GroundworkError with one sentence per problem
   */
  static resolve(validator: OwnershipValidator, where: string, input: OwnershipInput, environment?: string): Ownership {
    const { record, problems } = resolveOwnership(validator, input, environment);
    if (problems.length) throw new GroundworkError(`Invalid ownership for ${where}:`, problems.map((p) => describeOwnershipProblem(where, p)));
    return new Ownership(validator.settings, record, where);
  }

  private constructor(
    readonly settings: OwnershipSettings,
    /** The validated record: owner, service, cost-center, organisation keys and, in an environment, environment. */
    readonly record: OwnershipRecord,
    private readonly where: string,
  ) {}

  get owner(): string {
    return this.record.owner;
  }
  get service(): string {
    return this.record.service;
  }
  get costCenter(): string {
    return this.record['cost-center'];
  }
  get environment(): string | undefined {
    return this.record.environment;
  }

  /** Keys the provider's default_tags carry for a whole environment. */
  static environmentTags(settings: OrganisationSettings, environment: string): Record<string, string> {
    return { environment, [PLATFORM_KEYS.organisation]: settings.name, [PLATFORM_KEYS.managedBy]: MANAGED_BY };
  }

  /** Per-service keys the tagging Aspect stamps on each AWS resource (environment comes from default_tags). */
  awsTags(): Record<string, string> {
    const { environment: _ignored, ...perService } = this.record;
    return { ...perService };
  }

  /** Ownership labels plus the recommended app.kubernetes.io labels; errors instead of truncating. */
  kubernetesLabels(app: { name: string; partOf: string; component?: string }, where = this.where): Record<string, string> {
    const labels: Record<string, string> = {
      'app.kubernetes.io/name': app.name,
      'app.kubernetes.io/part-of': app.partOf,
      'app.kubernetes.io/managed-by': MANAGED_BY,
      ...(app.component ? { 'app.kubernetes.io/component': app.component } : {}),
      ...this.record,
    };
    const problems = Object.entries(labels).flatMap(([k, v]) => kubernetesLabelProblems(k, v).map((p) => `${where}: ${p}.`));
    if (problems.length) throw new GroundworkError(`Ownership of ${where} cannot be expressed as Kubernetes labels:`, problems);
    return labels;
  }

  /** Ownership as GitHub topics; errors instead of truncating. */
  githubTopics(): string[] {
    const { topics, problems } = githubTopics(this.record);
    if (problems.length) throw new GroundworkError(`Ownership of ${this.where} cannot be expressed as GitHub topics:`, problems.map((p) => `${this.where}: ${p}.`));
    return topics;
  }
}
