/**
 * The resource instances a Terraform JSON configuration declares, with what can be known before
 * a plan already evaluated: variable defaults, locals and the pure functions of the expression
 * evaluator, `count` and `for_each` expanded, `dynamic` blocks written out. What stays unknown
 * keeps its expression as written, so every tool still sees it as not a literal.
 */
import { GroundworkError } from '../../model/errors';
import { compareText } from '../../model/stable-json';
import type { SourceLocation } from './configuration-folder';
import type { ModuleCallSource } from './module-tree';
import { evaluate, isUnknown, PURE_FUNCTION_NAMES, Scope, Unknown, Value } from './hcl-expression';
import { itemsOf as items, Json, membersOf } from '../../model/json-object';
import type { TerraformConfiguration } from './terraform-output';
import { VariableOrigins } from './variable-origins';

/** One instance of a resource block (`aws_instance.web[0]`), or the block itself without count/for_each. */
export interface ResourceInstance {
  readonly type: string;
  readonly name: string;
  /** Terraform address: `aws_instance.web`, `aws_instance.web[0]`, `aws_instance.web["a"]`, `module.x.aws_instance.web`. */
  readonly address: string;
  readonly body: Json;
  /** Set when count or for_each is an expression not known before a plan: how many instances there are is unknown. */
  readonly unknownInstances?: string;
  /** The provider configurations in effect where it is declared (name -> configurations), resolved; absent: the configuration's own. */
  readonly providers?: Json;
  /** Where its block is written (plain Terraform folders). */
  readonly source?: SourceLocation;
  /** Root variables without a value that its analysis needed (`var.x`). */
  readonly unknownVariables?: readonly string[];
}

/** Something a report could not look into, said in every report instead of silence. */
export interface NotAnalysed {
  readonly stack: string;
  readonly address: string;
  readonly reason: string;
}

/** More instances than this from one block is a mistake (or hostile), not a plan to price. */
export const MAX_INSTANCES = 10_000;

/** Keys of a resource body that are Terraform's meta-arguments, not the resource's own arguments. */
const META_ARGUMENTS = new Set(['//', 'count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection']);

/** Strings worth evaluating: they name something a scope knows, or call a function that may fold (every one the evaluator knows). */
export const RESOLVABLE = new RegExp(`\\b(var|local|each|count)\\.|\\b(${PURE_FUNCTION_NAMES.join('|')})\\(`);


/** What a module's variables are given besides their defaults. */
export interface VariableInputs {
  /** Values given (tfvars, --var, TF_VAR_, a module call's arguments), literal, of the declared type. */
  readonly values?: ReadonlyMap<string, Value>;
  /** Records which root variables an evaluation needed; with `missing`, what a variable with no value stands for. */
  readonly origins?: VariableOrigins;
  /** The root variables (`var.x`) a variable with no value waits for: for the root itself, its own name. */
  readonly missing?: (name: string) => Iterable<string>;
}

/**
 * Variable values (given, else defaults) and locals of a configuration (locals evaluated lazily,
 * cycles left unknown). A variable declared `sensitive` is never read: it stays `var.x`, so its
 * value can reach no report or message (Terraform refuses it in count and for_each anyway).
 */
export function configurationScope(json: Json, inputs: VariableInputs = {}): Scope {
  const variables = new Map<string, Value>();
  for (const vars of items(json.variable)) {
    for (const [name, raw] of Object.entries(vars)) {
      const body = items(raw)[0];
      if (body?.sensitive === true) variables.set(name, new Unknown('variable', `var.${name}`));
      else if (inputs.values?.has(name)) variables.set(name, inputs.values.get(name)!);
      // A default is a value, not an expression: its strings are taken literally.
      else if (body && 'default' in body) variables.set(name, fromJson(body.default));
    }
  }
  const locals = new Map<string, unknown>();
  for (const block of items(json.locals)) for (const [name, raw] of Object.entries(block)) locals.set(name, raw);
  const evaluated = new Map<string, { value: Value; needs: ReadonlySet<string> }>();
  const evaluating = new Set<string>();
  const documentBodies = membersOf(membersOf(json.data).aws_iam_policy_document);
  const origins = inputs.origins ?? new VariableOrigins();
  const scope: Scope = {
    lookup(root, name) {
      if (root === 'var') {
        const value = variables.get(name);
        if (value === undefined && inputs.missing) origins.note(inputs.missing(name));
        return value;
      }
      if (root !== 'local' || !locals.has(name) || evaluating.has(name)) return undefined;
      if (!evaluated.has(name)) {
        evaluating.add(name);
        const [value, needs] = origins.collect(() => evaluate(locals.get(name), scope));
        evaluated.set(name, { value, needs });
        evaluating.delete(name);
      }
      const { value, needs } = evaluated.get(name)!;
      // Evaluated once, needed each time: what it waits for counts for every resource that uses it.
      origins.note(needs);
      return value;
    },
  };
  const documents = new Map<string, string>();
  policyDocuments.set(scope, documents);
  for (const [name, raw] of Object.entries<unknown>(documentBodies)) {
    const body = items(raw)[0];
    const text = body && policyDocument(body, scope);
    if (text) documents.set(name, text);
  }
  return scope;
}

function fromJson(value: unknown): Value {
  if (Array.isArray(value)) return value.map(fromJson);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromJson(v)]));
  return value === undefined ? null : (value as Value);
}

/** The IAM policy documents (data.aws_iam_policy_document) a scope's configuration declares, as `${jsonencode(...)}`. */
const policyDocuments = new WeakMap<Scope, ReadonlyMap<string, string>>();

export function withNames(outer: Scope, names: Record<string, Record<string, Value>>): Scope {
  const scope: Scope = { lookup: (root, name) => (root in names ? names[root][name] : outer.lookup(root, name)) };
  const documents = policyDocuments.get(outer);
  if (documents) policyDocuments.set(scope, documents);
  return scope;
}

/** HCL text of a value; unknown parts as the expressions they are (so references stay references). */
function hclText(value: Value): string {
  if (isUnknown(value)) return `(${value.text})`;
  if (typeof value === 'string') return JSON.stringify(value).replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
  if (Array.isArray(value)) return `[${value.map(hclText).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)} = ${hclText(v)}`).join(', ')}}`;
  return String(value);
}

const IAM_KEYS: Record<string, string> = { sid: 'Sid', effect: 'Effect', actions: 'Action', not_actions: 'NotAction', resources: 'Resource', not_resources: 'NotResource' };

/**
 * A data.aws_iam_policy_document as the policy it produces, written `${jsonencode({...})}` like
 * cdktf does; undefined when it merges other documents (not evaluated).
 */
function policyDocument(body: Json, scope: Scope): string | undefined {
  if (body.source_policy_documents || body.override_policy_documents || body.source_json || body.override_json) return undefined;
  const resolved = resolveBody(body, scope) as Json;
  const statements: Value[] = items(resolved.statement).map((s) => {
    const out: { [key: string]: Value } = { Effect: 'Allow' };
    for (const [key, name] of Object.entries(IAM_KEYS)) if (s[key] !== undefined) out[name] = evaluate(s[key], scope);
    for (const [key, name] of [['principals', 'Principal'], ['not_principals', 'NotPrincipal']]) {
      const principals = items(s[key]);
      if (principals.length) out[name] = Object.fromEntries(principals.map((p) => [String(p.type), evaluate(p.identifiers, scope)]));
    }
    const conditions = items(s.condition);
    if (conditions.length) {
      const byTest: { [key: string]: { [key: string]: Value } } = {};
      for (const c of conditions) (byTest[String(c.test)] ??= {})[String(c.variable)] = evaluate(c.values, scope);
      out.Condition = byTest;
    }
    return out;
  });
  return `\${jsonencode(${hclText({ Version: typeof resolved.version === 'string' ? resolved.version : '2012-10-17', Statement: statements })})}`;
}

/** An evaluated value written back as Terraform JSON: literal strings escaped, unknown parts as their expression. */
export function toTerraformJson(value: Value): unknown {
  if (isUnknown(value)) return `\${${value.text}}`;
  // Replacer functions: a replacement string would read `$$` as one `$`. Writes Terraform's escapes $${ and %%{.
  if (typeof value === 'string') return value.replace(/\$\{/g, () => '$${').replace(/%\{/g, '%%{');
  if (Array.isArray(value)) return value.map(toTerraformJson);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toTerraformJson(v)]));
  return value;
}

/** `${data.aws_iam_policy_document.x.json}`, the common way to write an IAM policy. */
const POLICY_DOCUMENT = /^\$\{\s*data\.aws_iam_policy_document\.([A-Za-z_][A-Za-z0-9_-]*)\.json\s*\}$/;

function resolveString(text: string, scope: Scope, iterators: readonly string[]): unknown {
  const document = POLICY_DOCUMENT.exec(text);
  if (document) return policyDocuments.get(scope)?.get(document[1]) ?? text;
  if (!text.includes('${') || !(RESOLVABLE.test(text) || iterators.some((i) => text.includes(`${i}.`)))) return text;
  const value = evaluate(text, scope);
  // Wholly unknown: keep it as written (findings quote it); partly known: the known parts resolved.
  if (isUnknown(value)) return text;
  return toTerraformJson(value);
}

/**
 * A body with every resolvable value evaluated and its `dynamic` blocks written out as blocks.
 * What resolving leaves as it was is returned as it was, not copied (bodies are read, never changed).
 */
export function resolveBody(body: unknown, scope: Scope, iterators: readonly string[] = []): unknown {
  if (typeof body === 'string') return resolveString(body, scope, iterators);
  if (Array.isArray(body)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < body.length; i++) {
      const resolved = resolveBody(body[i], scope, iterators);
      if (out) out.push(resolved);
      else if (resolved !== body[i]) out = [...body.slice(0, i), resolved];
    }
    return out ?? body;
  }
  if (body === null || typeof body !== 'object') return body;
  if (!('dynamic' in body)) {
    let out: Json | undefined;
    for (const key of Object.keys(body)) {
      const value = (body as Json)[key];
      const resolved = META_ARGUMENTS.has(key) ? value : resolveBody(value, scope, iterators);
      if (resolved !== value) (out ??= { ...body })[key] = resolved;
    }
    return out ?? body;
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'dynamic') continue;
    out[key] = META_ARGUMENTS.has(key) ? value : resolveBody(value, scope, iterators);
  }
  for (const dynamic of items((body as Json).dynamic)) {
    for (const [blockName, specs] of Object.entries(dynamic)) {
      for (const spec of items(specs)) {
        const expanded = expandDynamic(blockName, spec, scope, iterators);
        if (expanded) out[blockName] = [...items(out[blockName]), ...expanded];
        else out.dynamic = { ...membersOf(out.dynamic), [blockName]: [...items(membersOf(out.dynamic)[blockName]), spec] };
      }
    }
  }
  return out;
}

/** A `dynamic` block's instances, or undefined when its for_each is unknown (kept as written). */
function expandDynamic(blockName: string, spec: Json, scope: Scope, iterators: readonly string[]): Json[] | undefined {
  const iterator = typeof spec.iterator === 'string' ? spec.iterator : blockName;
  const collection = evaluate(spec.for_each, scope);
  const entries = collectionEntries(collection);
  if (!entries) return undefined;
  const content = items(spec.content)[0] ?? {};
  return entries.map(([key, value]) => resolveBody(content, withNames(scope, { [iterator]: { key, value } }), [...iterators, iterator]) as Json);
}

/** The (key, value) pairs of a for_each collection: a map's entries or a set's items, sorted as Terraform does. */
export function collectionEntries(collection: Value): Array<[Value, Value]> | undefined {
  if (isUnknown(collection) || collection === null || typeof collection !== 'object') return undefined;
  if (Array.isArray(collection)) {
    if (collection.some((item) => isUnknown(item))) return undefined;
    return collection.map((item, i) => [typeof item === 'string' ? item : i, item]);
  }
  return Object.keys(collection)
    .sort(compareText)
    .map((k) => [k, collection[k]]);
}

/** One instance of a block with count or for_each: its address suffix and the names it sets (`count.index`, `each.key`). */
export interface InstanceKey {
  readonly suffix: string;
  readonly names: Record<string, Record<string, Value>>;
  readonly iterators: string[];
}

/**
 * The instances a block's count or for_each gives (one with no suffix when it has neither), or
 * why their number is not known before a plan. `what` names the block in errors (`stack: address`).
 */
export function instanceKeys(body: Json, scope: Scope, what: string): InstanceKey[] | { unknown: string } {
  if (body.count !== undefined && body.count !== null) {
    const count = evaluate(body.count, scope);
    if (isUnknown(count)) return { unknown: `count is ${JSON.stringify(body.count)}, not known before a plan` };
    const n = typeof count === 'string' && /^\d+$/.test(count) ? Number(count) : count;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_INSTANCES) {
      throw new GroundworkError(`${what} sets count to ${JSON.stringify(body.count)}, which is not a whole number of instances from 0 to ${MAX_INSTANCES}.`);
    }
    return Array.from({ length: n }, (_, i) => ({ suffix: `[${i}]`, names: { count: { index: i } }, iterators: ['count'] }));
  }
  if (body.for_each !== undefined && body.for_each !== null) {
    const entries = collectionEntries(evaluate(body.for_each, scope));
    if (!entries) return { unknown: `for_each is ${JSON.stringify(body.for_each)}, not known before a plan` };
    if (entries.length > MAX_INSTANCES) throw new GroundworkError(`${what} sets for_each to ${entries.length} items, more than the ${MAX_INSTANCES} instances one block may have.`);
    return entries.map(([key, value]) => ({ suffix: `[${JSON.stringify(key)}]`, names: { each: { key, value } }, iterators: ['each'] }));
  }
  return [{ suffix: '', names: {}, iterators: [] }];
}

/** Every instance of every resource block of one module's JSON, in a stable order, addresses after `prefix` (`module.a.`). */
export function blockInstances(stack: string, json: Json, scope: Scope, prefix = ''): ResourceInstance[] {
  const instances: ResourceInstance[] = [];
  const resources = membersOf(json.resource);
  for (const type of Object.keys(resources).sort()) {
    const byName = resources[type] as Json;
    for (const name of Object.keys(byName).sort()) {
      const written = byName[name];
      const body = (Array.isArray(written) ? written[0] : written) as Json;
      instances.push(...expandBlock(stack, type, name, body, scope, prefix));
    }
  }
  return instances;
}

/** Every instance of every resource block of a configuration's own JSON (its module calls aside), in a stable order. */
export function resourceInstances(config: TerraformConfiguration): ResourceInstance[] {
  if (config.planned) return [...config.planned];
  return blockInstances(config.stack, config.json, configurationScope(config.json));
}

function expandBlock(stack: string, type: string, name: string, body: Json, scope: Scope, prefix: string): ResourceInstance[] {
  const address = `${prefix}${type}.${name}`;
  const keys = instanceKeys(body, scope, `${stack}: ${address}`);
  if ('unknown' in keys) return [{ type, name, address, body: resolveBody(body, scope, []) as Json, unknownInstances: keys.unknown }];
  return keys.map((k) => ({ type, name, address: `${address}${k.suffix}`, body: resolveBody(body, k.iterators.length ? withNames(scope, k.names) : scope, k.iterators) as Json }));
}

/** Module calls whose resources the analysis could not read: every call without a plan, or in a folder read with its modules, those not fetched. */
export function notAnalysedModules(configurations: readonly TerraformConfiguration[]): NotAnalysed[] {
  const found: NotAnalysed[] = [];
  for (const config of configurations) {
    if (config.planned) continue;
    if (config.modules) {
      notReadCalls(config.stack, config.modules, '', found);
      continue;
    }
    for (const modules of items(config.json.module)) {
      for (const name of Object.keys(modules).sort(compareText)) {
        found.push({ stack: config.stack, address: `module.${name}`, reason: 'not analysed (module): run on a plan (terraform show -json) to include its resources' });
      }
    }
  }
  return found;
}

function notReadCalls(stack: string, calls: ReadonlyMap<string, ModuleCallSource>, prefix: string, found: NotAnalysed[]): void {
  for (const [name, call] of [...calls].sort(([a], [b]) => compareText(a, b))) {
    if ('notRead' in call) found.push({ stack, address: `${prefix}module.${name}`, reason: call.notRead });
    else notReadCalls(stack, call.module.calls, `${prefix}module.${name}.`, found);
  }
}

/**
 * What stays unknown for want of a variable's value, once per variable: "var.x has no value: set
 * it (terraform.tfvars, --var, TF_VAR_x) to analyse 232 resources".
 */
export function variablesWithoutValue(records: ReadonlyArray<{ readonly stack: string; readonly unknownVariables?: readonly string[] }>): NotAnalysed[] {
  const counts = new Map<string, { stack: string; variable: string; n: number }>();
  for (const r of records) {
    for (const variable of r.unknownVariables ?? []) {
      const key = `${r.stack}\u0000${variable}`;
      const entry = counts.get(key) ?? { stack: r.stack, variable, n: 0 };
      entry.n++;
      counts.set(key, entry);
    }
  }
  return [...counts.values()]
    .sort((a, b) => compareText(a.stack, b.stack) || compareText(a.variable, b.variable))
    .map(({ stack, variable, n }) => ({
      stack,
      address: variable,
      reason: `${variable} has no value: set it (terraform.tfvars, --var-file, --var ${variable.slice(4)}=..., TF_VAR_${variable.slice(4)}) to analyse ${n} resource${n === 1 ? '' : 's'}`,
    }));
}
