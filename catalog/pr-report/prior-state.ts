import { createHash } from 'crypto';
import { containsUnknown, evaluate, Scope, Value } from '../terraform/hcl-expression';

/**
 * A Terraform state (version 4) derived from a base plan (`terraform show -json`), so that an
 * offline plan of the head with `-refresh=false` shows what terraform itself would replace or
 * delete. Values come from the plan's `planned_values`, where the provider filled its defaults;
 * every value the plan left unknown (`after_unknown`: id, arn, ...) gets a deterministic
 * placeholder of its schema type, the same one wherever it is referenced (left null, every
 * resource would plan as replaced).
 */

type Json = Record<string, any>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A provider's schema of one block: `terraform providers schema -json`. */
interface Block {
  readonly attributes?: Record<string, { readonly type?: unknown; readonly nested_type?: { readonly attributes?: Block['attributes']; readonly nesting_mode?: string } }>;
  readonly block_types?: Record<string, { readonly nesting_mode?: string; readonly block?: Block }>;
}

/** Provider schemas as `terraform providers schema -json` prints them. */
export type ProviderSchemas = Record<string, { readonly resource_schemas?: Record<string, { readonly block?: Block }> }>;

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
}

/**
 * The value with its unknown parts filled. A configured value made only of references (and
 * text) is evaluated with the referenced placeholders, as terraform would read them from state;
 * a top-level attribute others reference, or an id or ARN, gets its own placeholder; anything
 * else the value a provider stores when nothing is set.
 */
function filled(value: unknown, unknown: unknown, type: unknown, configured: unknown, where: string, name: string, block: Block | undefined, fill: Fill): unknown {
  if (unknown === true) {
    if (typeof configured === 'string' && configured.includes('${')) {
      const evaluated = configured.replace(REFERENCE, (_, address: string, attribute: string) => String(placeholder('string', `${address}.${attribute}`, attribute)));
      if (!evaluated.includes('${')) return type === 'number' ? 0 : evaluated;
    }
    const topLevel = where === `${fill.address}.${name}`;
    if ((topLevel && fill.referenced.has(where)) || name === 'id' || name === 'arn') return placeholder(type, where, name);
    return zeroValue(type);
  }
  if (Array.isArray(unknown)) {
    const items = Array.isArray(value) ? value : [];
    const elementType = Array.isArray(type) && (type[0] === 'list' || type[0] === 'set') ? type[1] : undefined;
    return items.map((item, i) => filled(item, unknown[i], elementType, Array.isArray(configured) ? configured[i] : undefined, `${where}[${i}]`, name, block, fill));
  }
  if (isObject(unknown) && isObject(value)) {
    const copy: Json = { ...value };
    for (const [key, u] of Object.entries(unknown)) {
      const attribute = block?.attributes?.[key];
      const nested = block?.block_types?.[key];
      const keyType = attribute?.type ?? (nested ? ['list', 'object'] : Array.isArray(type) && type[0] === 'map' ? type[1] : undefined);
      copy[key] = filled(value[key], u, keyType, isObject(configured) ? configured[key] : undefined, `${where}.${key}`, key, nested?.block, fill);
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

/**
 * The state for the head's offline plan. `baseConfiguration` is the base's synthesized cdk.tf.json
 * (to follow direct references); resources in child modules are not carried over.
 */
export function priorState(basePlan: Json, schemas: ProviderSchemas, baseConfiguration: Json = {}): Json {
  const changes = new Map<string, Json>();
  for (const rc of Array.isArray(basePlan.resource_changes) ? basePlan.resource_changes : []) if (isObject(rc) && typeof rc.address === 'string') changes.set(rc.address, rc);
  const configKeys = new Map<string, unknown>();
  for (const r of basePlan.configuration?.root_module?.resources ?? []) if (isObject(r)) configKeys.set(r.address, r.provider_config_key);
  const referenced = referencedAttributes(baseConfiguration);
  const grouped = new Map<string, Json>();
  for (const r of basePlan.planned_values?.root_module?.resources ?? []) {
    if (!isObject(r) || r.mode !== 'managed' || typeof r.type !== 'string' || typeof r.name !== 'string') continue;
    const block = schemas[r.provider_name]?.resource_schemas?.[r.type]?.block;
    const configured = baseConfiguration.resource?.[r.type]?.[r.name];
    const unknown = changes.get(r.address)?.change?.after_unknown ?? {};
    const attributes = filled(isObject(r.values) ? r.values : {}, unknown, ['object'], configured, r.address, '', block, { referenced, address: r.address });
    const key = `${r.type}.${r.name}`;
    const resource = grouped.get(key) ?? { mode: 'managed', type: r.type, name: r.name, provider: providerOf(r.provider_name, configKeys.get(key)), instances: [] };
    const sensitive = sensitivePaths(changes.get(r.address)?.change?.after_sensitive, []);
    resource.instances.push({ ...(r.index !== undefined ? { index_key: r.index } : {}), schema_version: r.schema_version ?? 0, attributes, sensitive_attributes: sensitive });
    grouped.set(key, resource);
  }
  evaluateReferences(grouped, changes, baseConfiguration);
  const resources = [...grouped.values()];
  return { version: 4, terraform_version: String(basePlan.terraform_version ?? '1.11.4'), serial: 1, lineage: `groundwork-offline-${hash(JSON.stringify(resources.map((r) => `${r.type}.${r.name}`)))}`, outputs: {}, resources };
}

/** Rounds of evaluation: a value read from a value read from a placeholder (policy -> secret ARN -> instance). */
const ROUNDS = 4;

/**
 * Unknown top-level values whose configuration is an expression over other resources
 * (`jsonencode({...Resource = [aws_db_instance.db.master_user_secret[0].secret_arn]})`,
 * `[aws_subnet.a.id, aws_subnet.b.id]`) are evaluated against the state being built, as terraform
 * evaluates them against state when it plans the head.
 */
function evaluateReferences(grouped: Map<string, Json>, changes: Map<string, Json>, baseConfiguration: Json): void {
  const scope: Scope = {
    lookup: (root, name) => {
      const resource = grouped.get(`${root}.${name}`);
      return resource && resource.instances.length === 1 && resource.instances[0].index_key === undefined ? (resource.instances[0].attributes as Value) : undefined;
    },
  };
  for (let round = 0; round < ROUNDS; round++) {
    let changed = false;
    for (const [key, resource] of grouped) {
      if (resource.instances.length !== 1) continue;
      const configured = baseConfiguration.resource?.[resource.type]?.[resource.name];
      const unknown = changes.get(key)?.change?.after_unknown;
      if (!isObject(configured) || !isObject(unknown)) continue;
      const attributes = resource.instances[0].attributes as Json;
      for (const [name, u] of Object.entries(unknown)) {
        // Whole values only: a nested block as configured lacks the defaults the provider fills in.
        if (u !== true && !(Array.isArray(u) && u.every((x) => x === true || x === false))) continue;
        if (!JSON.stringify(configured[name] ?? null).includes('${')) continue;
        const value = evaluate(configured[name], scope);
        if (containsUnknown(value) || (isObject(value) && !Array.isArray(value))) continue;
        if (JSON.stringify(value) === JSON.stringify(attributes[name])) continue;
        attributes[name] = value;
        changed = true;
      }
    }
    if (!changed) return;
  }
}
