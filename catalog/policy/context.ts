import type { OrganisationMetadata } from '../../model/golden-path-metadata';
import { groupBy } from '../../model/group-by';
import { CORE_KEYS, OwnershipValidator, requiredKeys } from '../../model/ownership-record';
import type { ResourceRecord } from '../terraform/resource-index';
import { resourceKey } from '../terraform/resource-index';
import { referencedAddresses } from '../terraform/resource-kinds';
import taggableTypes from './aws-taggable-types.json';

const TAGGABLE = new Set<string>(taggableTypes.types);

/** What rules may ask about the configuration beyond the resource they check. */
export class PolicyContext {
  readonly required: readonly string[];
  readonly validator?: OwnershipValidator;
  private readonly byStack: Map<string, ResourceRecord[]>;
  private readonly byType: Map<string, ResourceRecord[]>;
  /** Per referring type: address -> resources of that type referencing it. Built on first use. */
  private readonly referrers = new Map<string, Map<string, ResourceRecord[]>>();

  constructor(
    readonly records: readonly ResourceRecord[],
    readonly organisation?: OrganisationMetadata,
  ) {
    this.required = organisation ? requiredKeys({ tagKeys: organisation.tagKeys }) : CORE_KEYS;
    if (organisation) this.validator = new OwnershipValidator({ teams: organisation.teams, environments: organisation.environments, tagKeys: organisation.tagKeys });
    this.byStack = groupBy(records, (r) => r.stack);
    this.byType = groupBy(records, (r) => r.type);
  }

  private readonly ownershipProblems = new Map<string, ReturnType<OwnershipValidator['problems']>>();

  /** Ownership problems of a tag record; many resources share one record, so each is validated once. */
  problemsOf(record: Record<string, string | undefined>): ReturnType<OwnershipValidator['problems']> {
    if (!this.validator) return [];
    const key = JSON.stringify(record);
    let problems = this.ownershipProblems.get(key);
    if (!problems) this.ownershipProblems.set(key, (problems = this.validator.problems(record)));
    return problems;
  }

  /** Whether the AWS provider schema gives this type a tags map (catalog/policy/aws-taggable-types.json). */
  isTaggable(r: ResourceRecord): boolean {
    if (r.provider === 'aws') return TAGGABLE.has(r.type);
    return r.type.startsWith('kubernetes_') || r.type === 'github_repository';
  }

  /** Production by the organisation's settings, else by name. */
  isProduction(r: ResourceRecord): boolean {
    const env = r.tags.environment;
    if (!env) return false;
    return this.organisation?.environments[env]?.production ?? /^prod/.test(env);
  }

  /** Resources of a type, in the same configuration, whose arguments reference this one. */
  referencing(r: ResourceRecord, type: string): ResourceRecord[] {
    let index = this.referrers.get(type);
    if (!index) {
      index = new Map();
      for (const x of this.byType.get(type) ?? []) {
        for (const target of referencedAddresses(x.body)) {
          const key = `${x.stack}/${target}`;
          const refs = index.get(key);
          if (refs) refs.push(x);
          else index.set(key, [x]);
        }
      }
      this.referrers.set(type, index);
    }
    return index.get(resourceKey(r)) ?? [];
  }

  inStack(stack: string): readonly ResourceRecord[] {
    return this.byStack.get(stack) ?? [];
  }
}
