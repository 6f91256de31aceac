import type { OrganisationMetadata } from '../metadata';
import { OwnershipValidator, requiredKeys } from '../ownership';
import type { ResourceRecord } from '../resource-index';
import { referencedAddresses } from '../resource-kinds';
import taggableTypes from './aws-taggable-types.json';

const TAGGABLE = new Set<string>(taggableTypes.types);

/** What rules may ask about the configuration beyond the resource they check. */
export class PolicyContext {
  readonly required: readonly string[];
  readonly validator?: OwnershipValidator;
  private readonly byStack = new Map<string, ResourceRecord[]>();
  private readonly referrers = new Map<string, ResourceRecord[]>();

  constructor(
    readonly records: readonly ResourceRecord[],
    readonly organisation?: OrganisationMetadata,
  ) {
    this.required = organisation?.requiredKeys ?? ['owner', 'service', 'environment', 'cost-center'];
    if (organisation) {
      this.validator = new OwnershipValidator({ teams: organisation.teams, environments: organisation.environments, tagKeys: organisation.tagKeys });
      this.required = requiredKeys({ tagKeys: organisation.tagKeys });
    }
    for (const r of records) {
      const list = this.byStack.get(r.stack);
      if (list) list.push(r);
      else this.byStack.set(r.stack, [r]);
      for (const target of referencedAddresses(r.body)) {
        const key = `${r.stack}/${target}`;
        const refs = this.referrers.get(key);
        if (refs) refs.push(r);
        else this.referrers.set(key, [r]);
      }
    }
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

  /** Resources of the same configuration whose arguments reference this one. */
  referencing(r: ResourceRecord, type?: string): ResourceRecord[] {
    return (this.referrers.get(`${r.stack}/${r.address}`) ?? []).filter((x) => !type || x.type === type);
  }

  inStack(stack: string): readonly ResourceRecord[] {
    return this.byStack.get(stack) ?? [];
  }
}
