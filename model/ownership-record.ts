import type { ErrorObject, ValidateFunction } from 'ajv';
import ownershipSchema from './schema/ownership.schema.json';
import type { OrganisationSettings } from './organisation-settings';
import { membersOf } from './json-object';
import { compile } from './schema-validator';
import { compareText } from './stable-json';

/** Team and service names (the schema's own rule): lowercase letters, digits and hyphens, 1 to 63 characters. */
export const NAME_PATTERN = new RegExp(ownershipSchema.definitions.name.allOf[1].pattern as string);

/** The four keys every ownership record has, in the order reports show them. */
export const CORE_KEYS = ['owner', 'service', 'environment', 'cost-center'] as const;
export type CoreKey = (typeof CORE_KEYS)[number];

/** Keys stamped by the platform itself through provider default tags. */
export const PLATFORM_KEYS = { organisation: 'organisation', managedBy: 'managed-by' } as const;
export const MANAGED_BY = 'groundwork';

/** owner, service, environment, cost-center and any organisation-defined keys, all strings. */
export type OwnershipRecord = Readonly<Record<string, string>>;

/** What ownership validation needs of the organisation: its teams, environments and extra keys. */
export type OwnershipSettings = Pick<OrganisationSettings, 'tagKeys'> & {
  readonly teams: Readonly<Record<string, { readonly costCenters: readonly string[] }>>;
  readonly environments: Readonly<Record<string, unknown>>;
};

/** One thing wrong with one key of an ownership record: its value breaks `rule`, or (`about: 'key'`) the key itself is not allowed. */
export interface OwnershipProblem {
  readonly key: string;
  readonly value: string | undefined;
  /** A clause that follows "which" (a value) or the key (`about: 'key'`), e.g. `must be a known team (...)`. */
  readonly rule: string;
  readonly about?: 'value' | 'key';
}

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

/** Every key a resource must carry under these settings: the core keys, then required organisation keys. */
export function requiredKeys(settings: Pick<OrganisationSettings, 'tagKeys'>): string[] {
  const extra = Object.entries(settings.tagKeys ?? {})
    .filter(([, spec]) => spec.required)
    .map(([key]) => key)
    .sort();
  return [...CORE_KEYS, ...extra];
}

type Scope = 'environment' | 'service';

/**
 * The base ownership schema narrowed by the organisation: known teams, allowed environments,
 * organisation-defined keys. A `service` scope record (a repository) has no environment.
 */
function composeSchema(settings: OwnershipSettings, scope: Scope): Record<string, unknown> {
  const base = structuredClone(ownershipSchema) as Record<string, unknown>;
  const props = base.properties as Record<string, unknown>;
  const teams = Object.keys(settings.teams).sort();
  props.owner = { allOf: [props.owner, { type: 'string', enum: teams }], 'x-rule': `a known team (${teams.join(', ')})` };
  const environments = Object.keys(settings.environments).sort();
  props.environment = { allOf: [props.environment, { type: 'string', enum: environments }], 'x-rule': `an allowed environment (${environments.join(', ')})` };
  for (const [key, spec] of Object.entries(settings.tagKeys ?? {})) {
    const narrowed: Record<string, unknown>[] = [{ $ref: '#/definitions/literal' }, { type: 'string', minLength: 1, maxLength: 256 }];
    const rules: string[] = [];
    if (spec.allowed) {
      narrowed.push({ type: 'string', enum: [...spec.allowed] });
      rules.push(`one of ${spec.allowed.join(', ')}`);
    }
    if (spec.pattern) {
      narrowed.push({ type: 'string', pattern: spec.pattern });
      rules.push(`matching ${spec.pattern}`);
    }
    props[key] = { allOf: narrowed, 'x-rule': rules.length ? rules.join(' and ') : 'a non-empty string of at most 256 characters' };
  }
  const required = requiredKeys(settings).filter((k) => scope === 'environment' || k !== 'environment');
  base.required = required;
  if (scope === 'service') delete props.environment;
  delete base.$id; // compiled once per settings object: an id would collide
  return base;
}

/** The rule an ownership schema states for a key (`x-rule`): the key's own, else that of any other key. */
export function ruleFor(schema: Record<string, unknown>, key: string): string {
  const rule = (property: unknown) => membersOf(property)['x-rule'];
  return (rule(membersOf(schema.properties)[key]) ?? rule(schema.additionalProperties)) as string;
}

/**
 * Validates ownership records against the organisation's ownership schema with ajv.
 * Build one per settings object; each compiles its schemas once.
 */
export class OwnershipValidator {
  private readonly validators = new Map<Scope, { schema: Record<string, unknown>; validate: ValidateFunction }>();

  constructor(public readonly settings: OwnershipSettings) {}

  /** Every problem with the record, one per key, in key order. Empty when valid. */
  problems(record: Record<string, unknown>, scope: Scope = 'environment'): OwnershipProblem[] {
    const { schema, validate } = this.validatorFor(scope);
    if (validate(record)) return [];
    const byKey = new Map<string, OwnershipProblem>();
    for (const error of validate.errors ?? []) {
      const problem = this.toProblem(schema, record, error);
      // An interpolation problem explains more than the pattern failure it also causes.
      if (problem && (!byKey.has(problem.key) || problem.rule.includes('interpolation'))) byKey.set(problem.key, problem);
    }
    return [...byKey.values()].sort((a, b) => compareText(a.key, b.key));
  }

  private toProblem(schema: Record<string, unknown>, record: Record<string, unknown>, error: ErrorObject): OwnershipProblem | undefined {
    if (error.keyword === 'required') {
      const key = (error.params as { missingProperty: string }).missingProperty;
      return { key, value: undefined, rule: `is required (${ruleFor(schema, key)})` };
    }
    const key = error.instancePath.split('/')[1];
    if (!key) return undefined;
    const raw = record[key];
    const value = typeof raw === 'string' ? raw : JSON.stringify(raw);
    if (error.keyword === 'type' || (raw !== undefined && typeof raw !== 'string')) return { key, value, rule: 'must be a string' };
    if (error.keyword === 'not') {
      return { key, value, rule: 'must not contain "${" or "%{": Terraform would read it as an interpolation, not a literal' };
    }
    return { key, value, rule: `must be ${ruleFor(schema, key)}` };
  }

  private validatorFor(scope: Scope) {
    let entry = this.validators.get(scope);
    if (!entry) {
      const schema = composeSchema(this.settings, scope);
      entry = { schema, validate: compile(schema) };
      this.validators.set(scope, entry);
    }
    return entry;
  }
}

/**
 * Resolves the ownership record of a service (or, with `environment`, of one environment of it)
 * from what its team stated and the organisation's settings: defaults for organisation keys, the
 * team's first cost center. Pure: returns the record and every problem, formatting none of them.
 */
export function resolveOwnership(validator: OwnershipValidator, input: OwnershipInput, environment?: string): { record: OwnershipRecord; problems: OwnershipProblem[] } {
  const settings = validator.settings;
  const team = settings.teams[input.owner];
  const record: Record<string, unknown> = {
    ...defaultTagValues(settings),
    ...(input.tags ?? {}),
    owner: input.owner,
    service: input.service,
    'cost-center': input.costCenter ?? team?.costCenters[0] ?? '',
    ...(environment !== undefined ? { environment } : {}),
  };
  let problems = validator.problems(record, environment === undefined ? 'service' : 'environment');
  const known = Object.keys(settings.tagKeys ?? {});
  for (const key of Object.keys(input.tags ?? {}).sort(compareText)) {
    if ((CORE_KEYS as readonly string[]).includes(key) || (Object.values(PLATFORM_KEYS) as string[]).includes(key)) {
      problems.push({ key, value: input.tags![key], about: 'key', rule: `cannot be set through tags; the platform sets it from the service's ${key} prop or its settings` });
    } else if (!settings.tagKeys?.[key]) {
      problems.push({ key, value: input.tags![key], about: 'key', rule: `is not an ownership key of the organisation (known: ${known.join(', ') || 'none'})` });
    }
  }
  // An unknown team has no cost centers to default to: its problem is the owner's, not a second one.
  if (!team && input.costCenter === undefined) problems = problems.filter((p) => p.key !== 'cost-center');
  if (team && input.costCenter !== undefined && !team.costCenters.includes(input.costCenter) && !problems.some((p) => p.key === 'cost-center')) {
    problems.push({ key: 'cost-center', value: input.costCenter, rule: `is not a cost center of team "${input.owner}" (${team.costCenters.join(', ')})` });
  }
  return { record: record as OwnershipRecord, problems };
}

/** Each organisation key's default value, for keys that have one. */
export function defaultTagValues(settings: Pick<OrganisationSettings, 'tagKeys'>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(settings.tagKeys ?? {})
      .filter(([, spec]) => spec.default !== undefined)
      .map(([key, spec]) => [key, spec.default as string]),
  );
}

/** The one sentence for an ownership problem: `<where>: ownership key "owner" has value "X", which must be ...`. */
export function describeOwnershipProblem(where: string, problem: OwnershipProblem): string {
  if (problem.about === 'key') return `${where}: tag key "${problem.key}" ${problem.rule}.`;
  if (problem.value === undefined) return `${where}: ownership key "${problem.key}" ${problem.rule}.`;
  return `${where}: ownership key "${problem.key}" has value "${problem.value}", which ${problem.rule}.`;
}
