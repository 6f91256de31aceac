import { createHash } from 'crypto';
import { isJson as isObject, Json, membersOf } from '../../model/json-object';
import { containsUnknown, evaluate, Scope, Value } from '../terraform/hcl-expression';

/**
 * A Terraform state (version 4) derived from a base plan (`terraform show -json`), so that an
 * offline plan of the head with `-refresh=false` shows what terraform itself would replace or
 * delete. Values come from the plan's `planned_values`, where the provider filled its defaults;
 * every value the plan left unknown (`after_unknown`: id, arn, ...) gets a deterministic
 * placeholder of its schema type, the same one wherever it is referenced (left null, every
 * resource would plan as replaced).
 */


/** A provider's schema of one block: `terraform providers schema -json`. */
interface Block {
  readonly attributes?: Record<string, { readonly type?: unknown; readonly nested_type?: { readonly attributes?: Block['attributes']; readonly nesting_mode?: string } }>;
  readonly block_types?: Record<string, { readonly nesting_mode?: string; readonly block?: Block }>;
}

/** Provider schemas as `terraform providers schema -json` prints them. */
export type ProviderSchemas = Record<string, { readonly resource_schemas?: Record<string, { readonly block?: Block }> }>;

/** Placeholders that must be the one value the provider ever computes there. */
const FIXED_FORMS: Readonly<Record<string, string>> = { resource_record_type: 'CNAME' };

/** Timestamps a provider sets (`created_at`, `updated_at`): RFC 3339 in the framework's types, which refuse an empty string. */
const TIMESTAMP_NAME = /(^|_)at$/;
const EPOCH = '1970-01-01T00:00:00Z';

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** The placeholder of one unknown value: its address and path name it, its type shapes it. */
function placeholder(type: unknown, where: string, name: string): unknown {
  if (type === 'number') return 0;
  if (type === 'bool') return false;
  if (Array.isArray(type)) {
    // An object, or a computed list of objects read by index (`master_user_secret[0].secret_arn`): one element of placeholders.
    const fields = (t: unknown) => Object.fromEntries(Object.entries((t as Record<string, unknown>) ?? {}).map(([k, v]) => [k, placeholder(v, `${where}.${k}`, k)]));
    if (type[0] === 'object') return fields(type[1]);
    if ((type[0] === 'list' || type[0] === 'set') && Array.isArray(type[1]) && type[1][0] === 'object') return [fields(type[1][1])];
    return type[0] === 'map' ? {} : [];
  }
  // ARN-shaped, so that validation of a value read through a reference passes.
  if (name === 'arn' || name.endsWith('_arn')) return `arn:aws:groundwork:us-east-1:000000000000:placeholder/${hash(where)}`;
  // Computed values with one fixed form, read by resources that validate them: ACM's DNS validation
  // records are always CNAME records (a Route 53 record refuses any other text as its type).
  if (name in FIXED_FORMS) return FIXED_FORMS[name];
  if (TIMESTAMP_NAME.test(name)) return EPOCH;
  // Route 53 hosted zone IDs (a load balancer's zone_id read by an alias record): Z and at most 32 characters.
  if (name === 'zone_id' || name.endsWith('_zone_id')) return `Z${hash(where).toUpperCase()}`;
  return `groundwork-placeholder-${hash(where)}`;
}

/** `${aws_vpc.main.id}`: one reference to a resource attribute, as cdktf writes it. */
const REFERENCE = /\$\{([a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)\.([a-z0-9_]+)\}/g;

/** `aws_db_instance.db.master_user_secret[0]` inside any expression: the resource and its top-level attribute. */
const ANY_REFERENCE = /(?<![\w.-])([a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z0-9_-]+)\.([a-z0-9_]+)/g;

/** Every `address.attribute` the configuration reads through a reference: those get placeholders, so the head reads the same values. */
function referencedAttributes(configuration: unknown, into = new Set<string>()): Set<string> {
  if (typeof configuration === 'string' && configuration.includes('${')) for (const m of configuration.matchAll(ANY_REFERENCE)) into.add(`${m[1]}.${m[2]}`);
  else if (Array.isArray(configuration)) for (const v of configuration) referencedAttributes(v, into);
  else if (isObject(configuration)) for (const v of Object.values(configuration)) referencedAttributes(v, into);
  return into;
}

/** What the provider stores for a value nobody set (SDKv2 state): an empty string, 0, false, an empty collection. */
function zeroValue(type: unknown): unknown {
  if (type === 'number') return 0;
  if (type === 'bool') return false;
  if (Array.isArray(type)) return type[0] === 'map' || type[0] === 'object' ? {} : [];
  return '';
}

interface Fill {
  readonly referenced: ReadonlySet<string>;
  readonly address: string;
  /** The prior state built so far: what a configured expression reads, as terraform reads it when it plans the head. */
  readonly scope: Scope;
}

/** A known value as the schema types it (an expression over placeholders may yield text where a number is stored). */
function conformed(value: Value, type: unknown): unknown {
  if (type === 'number') return typeof value === 'number' ? value : Number.isFinite(Number(value)) && value !== '' ? Number(value) : 0;
  if (type === 'string') return typeof value === 'string' || value === null ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (Array.isArray(type) && Array.isArray(value) && (type[0] === 'list' || type[0] === 'set')) return value.map((v) => conformed(v, type[1]));
  if (Array.isArray(type) && type[0] === 'map' && isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, conformed(v, type[1])]));
  return value;
}

/** Whether a whole configured value can be evaluated into what the provider stores: not a block, which the provider completes with defaults. */
const isWholeValue = (type: unknown) => !Array.isArray(type) || type[0] === 'map' || ((type[0] === 'list' || type[0] === 'set') && !Array.isArray(type[1]) && type[1] !== 'object');

/** The configured value written for an expression terraform evaluates: known once every value it reads is in the prior state. */
function evaluatedConfiguration(configured: unknown, type: unknown, fill: Fill): unknown {
  if (!JSON.stringify(configured ?? null).includes('${') || !isWholeValue(type)) return undefined;
  const value = evaluate(configured, fill.scope);
  return containsUnknown(value) ? undefined : conformed(value, type);
}

/**
 * The configured items of a block or list, in the order of the planned items: a set's items are
 * sorted by the plan, so each is matched by its configured literal values (`id`, `metric_name`).
 */
function configuredItems(configured: unknown, items: readonly unknown[], isSet: boolean): unknown[] {
  const list = Array.isArray(configured) ? configured : isObject(configured) ? [configured] : [];
  if (!isSet) return list;
  const literalsMatch = (c: unknown, item: unknown): boolean =>
    isObject(c) && isObject(item) && Object.entries(c).every(([k, v]) => k === '//' || (typeof v === 'string' && v.includes('${')) || typeof v === 'object' || v === item[k]);
  const unused = [...list];
  return items.map((item) => {
    const i = unused.findIndex((c) => literalsMatch(c, item));
    return i < 0 ? undefined : unused.splice(i, 1)[0];
  });
}

/**
 * The value with its unknown parts filled. A configured expression is evaluated against the prior
 * state built so far, as terraform evaluates it when it plans the head (a reference read by text
 * while that state is incomplete); a top-level attribute others reference, or an id or ARN, gets
 * its own placeholder; anything else the value a provider stores when nothing is set.
 */
function filled(value: unknown, unknown: unknown, type: unknown, configured: unknown, where: string, name: string, block: Block | undefined, fill: Fill): unknown {
  if (unknown === true || (Array.isArray(unknown) && unknown.every((u) => typeof u === 'boolean') && typeof configured === 'string')) {
    const evaluated = evaluatedConfiguration(configured, type, fill);
    if (evaluated !== undefined) return evaluated;
  }
  if (unknown === true) {
    if (typeof configured === 'string' && configured.includes('${')) {
      const evaluated = configured.replace(REFERENCE, (_, address: string, attribute: string) => String(placeholder('string', `${address}.${attribute}`, attribute)));
      if (!evaluated.includes('${')) return type === 'number' ? 0 : evaluated;
    }
    // Anything inside a top-level attribute others reference is read through that reference
    // (`tolist(x.domain_validation_options)[0].resource_record_type`): a placeholder, not a zero value.
    const topLevel = `${fill.address}.${where.slice(fill.address.length + 1).split(/[.[]/)[0]}`;
    if (fill.referenced.has(topLevel) || name === 'id' || name === 'arn') return placeholder(type, where, name);
    return type === 'string' && TIMESTAMP_NAME.test(name) ? EPOCH : zeroValue(type);
  }
  if (Array.isArray(unknown)) {
    // Items the plan left wholly unknown are absent from its values: the unknown list has them all.
    const items = Array.isArray(value) ? value : [];
    const length = Math.max(items.length, unknown.length);
    const elementType = Array.isArray(type) && (type[0] === 'list' || type[0] === 'set') ? type[1] : undefined;
    const configuredList = configuredItems(configured, items, Array.isArray(type) && type[0] === 'set');
    return Array.from({ length }, (_, i) => filled(items[i], unknown[i], elementType, configuredList[i], `${where}[${i}]`, name, block, fill));
  }
  if (isObject(unknown)) {
    // A map or object the plan left null with unknown parts (`dimensions` read from a load balancer) is filled all the same.
    const copy: Json = isObject(value) ? { ...value } : {};
    for (const [key, u] of Object.entries(unknown)) {
      const attribute = block?.attributes?.[key];
      const nested = block?.block_types?.[key];
      const keyType = attribute?.type ?? (nested ? [nested.nesting_mode === 'set' ? 'set' : 'list', 'object'] : Array.isArray(type) && type[0] === 'map' ? type[1] : undefined);
      copy[key] = filled(copy[key], u, keyType, isObject(configured) ? configured[key] : undefined, `${where}.${key}`, key, nested?.block, fill);
    }
    return copy;
  }
  return value;
}

type Step = { type: 'get_attr'; value: string } | { type: 'index'; value: { value: number; type: 'number' } };

/** `after_sensitive` as the state's `sensitive_attributes` paths: a value marked sensitive in the plan stays marked, or terraform plans an update to mark it. */
function sensitivePaths(sensitive: unknown, at: Step[]): Step[][] {
  if (sensitive === true) return at.length ? [at] : [];
  if (Array.isArray(sensitive)) return sensitive.flatMap((s, i) => sensitivePaths(s, [...at, { type: 'index', value: { value: i, type: 'number' } }]));
  if (isObject(sensitive)) return Object.keys(sensitive).sort().flatMap((k) => sensitivePaths(sensitive[k], [...at, { type: 'get_attr', value: k }]));
  return [];
}

/** `aws` or `aws.alias` (the configuration's provider key) as the state names the provider. */
function providerOf(providerName: string, configKey: unknown): string {
  const alias = typeof configKey === 'string' && configKey.includes('.') ? configKey.slice(configKey.indexOf('.') + 1) : undefined;
  return `provider["${providerName}"]${alias ? `.${alias}` : ''}`;
}

/** One instance of a resource in a version-4 state. */
interface StateInstance {
  readonly index_key?: unknown;
  readonly schema_version: unknown;
  attributes: unknown;
  readonly sensitive_attributes: Step[][];
}

/** One resource of a version-4 state. */
interface StateResource {
  readonly mode: 'managed';
  readonly type: string;
  readonly name: string;
  readonly provider: string;
  readonly instances: StateInstance[];
}

/** The version-4 state priorState writes. */
export interface PriorState {
  readonly version: 4;
  readonly terraform_version: string;
  readonly serial: number;
  readonly lineage: string;
  readonly outputs: Json;
  readonly resources: StateResource[];
}

/** A plan section's root-module resources (`configuration`, `planned_values`), as written. */
const resourcesOf = (section: unknown): unknown => membersOf(membersOf(section).root_module).resources;

/** Rounds of evaluation: more than the longest chain of values read from values in the example, and a bound on a cycle. */
const ROUNDS = 6;

/**
 * The state for the head's offline plan. `baseConfiguration` is the base's synthesized cdk.tf.json
 * (to follow direct references); resources in child modules are not carried over.
 */
export function priorState(basePlan: Json, schemas: ProviderSchemas, baseConfiguration: Json = {}): PriorState {
  const changes = new Map<string, Json>();
  for (const rc of Array.isArray(basePlan.resource_changes) ? basePlan.resource_changes : []) if (isObject(rc) && typeof rc.address === 'string') changes.set(rc.address, rc);
  const changeOf = (address: string): Json => membersOf(changes.get(address)?.change);
  const configKeys = new Map<unknown, unknown>();
  for (const r of (resourcesOf(basePlan.configuration) ?? []) as unknown[]) if (isObject(r)) configKeys.set(r.address, r.provider_config_key);
  const referenced = referencedAttributes(baseConfiguration);
  const grouped = new Map<string, StateResource>();
  const scope: Scope = {
    lookup: (root, name) => {
      const resource = grouped.get(`${root}.${name}`);
      return resource && resource.instances.length === 1 && resource.instances[0].index_key === undefined ? (resource.instances[0].attributes as Value) : undefined;
    },
  };
  const instances: { readonly instance: StateInstance; readonly fill: () => unknown }[] = [];
  for (const r of (resourcesOf(basePlan.planned_values) ?? []) as unknown[]) {
    if (!isObject(r) || r.mode !== 'managed' || typeof r.type !== 'string' || typeof r.name !== 'string') continue;
    // As the plan gives them: terraform writes strings; anything else only fails to match.
    const address = r.address as string;
    const providerName = r.provider_name as string;
    const block = schemas[providerName]?.resource_schemas?.[r.type]?.block;
    const configured = membersOf(membersOf(baseConfiguration.resource)[r.type])[r.name];
    const unknown = changeOf(address).after_unknown ?? {};
    const fill = () => filled(isObject(r.values) ? r.values : {}, unknown, ['object'], configured, address, '', block, { referenced, address, scope });
    const key = `${r.type}.${r.name}`;
    const resource = grouped.get(key) ?? { mode: 'managed', type: r.type, name: r.name, provider: providerOf(providerName, configKeys.get(key)), instances: [] };
    const sensitive = sensitivePaths(changeOf(address).after_sensitive, []);
    const instance: StateInstance = { ...(r.index !== undefined ? { index_key: r.index } : {}), schema_version: r.schema_version ?? 0, attributes: {}, sensitive_attributes: sensitive };
    resource.instances.push(instance);
    grouped.set(key, resource);
    instances.push({ instance, fill });
  }
  // Rounds of evaluation: a value read from a value read from a placeholder (policy -> secret ARN ->
  // instance; validation -> record fqdn -> certificate's validation options), until nothing changes.
  for (let round = 0; round < ROUNDS; round++) {
    let changed = false;
    for (const { instance, fill } of instances) {
      const attributes = fill();
      if (JSON.stringify(attributes) === JSON.stringify(instance.attributes)) continue;
      instance.attributes = attributes;
      changed = true;
    }
    if (!changed) break;
  }
  const resources = [...grouped.values()];
  return { version: 4, terraform_version: String(basePlan.terraform_version ?? '1.11.4'), serial: 1, lineage: `groundwork-offline-${hash(JSON.stringify(resources.map((r) => `${r.type}.${r.name}`)))}`, outputs: {}, resources };
}
