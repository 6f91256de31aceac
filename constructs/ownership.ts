import { GroundworkError } from '../model/errors';
import type { OrganisationSettings } from '../model/organisation-settings';
import { describeOwnershipProblem, MANAGED_BY, OwnershipRecord, OwnershipSettings, OwnershipValidator, PLATFORM_KEYS } from '../model/ownership-record';
import { githubTopics, kubernetesLabelProblems } from '../model/tag-limits';

/** What a team states about a service it owns; the rest comes from the organisation settings. */
export interface OwnershipInput {
  /** Owning team: one of the organisation's teams. */
  readonly owner: string;
  /** Service name: lowercase letters, digits and hyphens, at most 63 characters. */
  readonly service: string;
  /** @default the owning team's first cost center */
  readonly costCenter?: string;
  /** Organisation-defined keys, e.g. `{ 'data-classification': 'confidential' }`. @default each key's default from the settings */
  readonly tags?: Readonly<Record<string, string>>;
}

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
    const settings = validator.settings;
    const team = settings.teams[input.owner];
    const defaults = Object.fromEntries(
      Object.entries(settings.tagKeys ?? {})
        .filter(([, spec]) => spec.default !== undefined)
        .map(([key, spec]) => [key, spec.default as string]),
    );
    const record: Record<string, unknown> = {
      ...defaults,
      ...(input.tags ?? {}),
      owner: input.owner,
      service: input.service,
      'cost-center': input.costCenter ?? team?.costCenters[0] ?? '',
      ...(environment !== undefined ? { environment } : {}),
    };
    const problems = validator.problems(record, environment === undefined ? 'service' : 'environment').map((p) => describeOwnershipProblem(where, p));
    for (const key of Object.keys(input.tags ?? {})) {
      if (['owner', 'service', 'environment', 'cost-center'].includes(key) || Object.values(PLATFORM_KEYS).includes(key as never)) {
        problems.push(`${where}: "${key}" cannot be set through tags; use the ${key} prop of the service instead.`);
      } else if (!settings.tagKeys?.[key]) {
        problems.push(`${where}: tag key "${key}" is not an ownership key of the organisation (known: ${Object.keys(settings.tagKeys ?? {}).join(', ') || 'none'}).`);
      }
    }
    if (team && input.costCenter !== undefined && !team.costCenters.includes(input.costCenter) && !problems.some((p) => p.includes('"cost-center"'))) {
      problems.push(`${where}: ownership key "cost-center" has value "${input.costCenter}", which is not a cost center of team "${input.owner}" (${team.costCenters.join(', ')}).`);
    }
    if (problems.length) throw new GroundworkError(`Invalid ownership for ${where}:`, problems);
    return new Ownership(settings, record as OwnershipRecord, where);
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
