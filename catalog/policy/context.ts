import type { OrganisationMetadata } from '../../model/golden-path-metadata';
import { groupBy } from '../../model/group-by';
import { copyOf } from '../../model/shared-shape';
import { CORE_KEYS, OwnershipProblem, OwnershipValidator, requiredKeys, ruleFor } from '../../model/ownership-record';
import ownershipSchema from '../../model/schema/ownership.schema.json';
import { compile } from '../../model/schema-validator';
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

  private readonly ownershipProblems = new Map<string, OwnershipProblem[]>();

  /**
   * Ownership problems of a tag record, judged as golden paths are: with the organisation's
   * settings (known team, one of its cost centers, allowed environment, organisation keys), else
   * by the ownership schema's syntax alone. A repository (`service` scope) has no environment.
   * Many resources share one record, so each is validated once.
   */
  problemsOf(record: Record<string, string | undefined>, scope: 'environment' | 'service' = 'environment'): OwnershipProblem[] {
    const key = `${scope} ${JSON.stringify(record)}`;
    let problems = this.ownershipProblems.get(key);
    if (!problems) {
      if (this.validator) {
        problems = this.validator.problems(record, scope);
        // A cost center that is not even a code has one problem, not two.
        if (!problems.some((p) => p.key === 'cost-center')) problems = [...problems, ...this.costCenterProblems(record)];
      } else problems = syntaxProblems(record, scope);
      this.ownershipProblems.set(key, problems);
    }
    return problems;
  }

  /** The schema knows teams and cost centers apart; only the settings know which cost centers a team has. */
  private costCenterProblems(record: Record<string, string | undefined>): OwnershipProblem[] {
    const team = record.owner ? this.organisation?.teams[record.owner] : undefined;
    const costCenter = record['cost-center'];
    if (!team || costCenter === undefined || team.costCenters.includes(costCenter)) return [];
    return [{ key: 'cost-center', value: costCenter, rule: `must be a cost center of team ${record.owner} (${team.costCenters.join(', ')})` }];
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

/** The ownership schema without the organisation's narrowing: syntax only, for Terraform without Groundwork metadata. */
const baseSchema = (() => {
  const schema = structuredClone(ownershipSchema) as Record<string, unknown>;
  delete schema.$id;
  return schema;
})();
let validateSyntax: ReturnType<typeof compile> | undefined;

function syntaxProblems(record: Record<string, unknown>, scope: 'environment' | 'service'): OwnershipProblem[] {
  validateSyntax ??= compile(baseSchema);
  const judged = scope === 'service' ? Object.assign(copyOf(record), { environment: 'none' }) : record;
  if (validateSyntax(judged)) return [];
  const byKey = new Map<string, OwnershipProblem>();
  for (const error of validateSyntax.errors ?? []) {
    const key = error.keyword === 'required' ? (error.params as { missingProperty: string }).missingProperty : error.instancePath.split('/')[1];
    if (!key || (byKey.has(key) && error.keyword !== 'not')) continue;
    const raw = record[key];
    const value = raw === undefined ? undefined : typeof raw === 'string' ? raw : JSON.stringify(raw);
    const rule = error.keyword === 'not' ? 'must not contain "${" or "%{": Terraform would read it as an interpolation, not a literal' : `must be ${ruleFor(baseSchema, key)}`;
    byKey.set(key, { key, value, rule });
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
