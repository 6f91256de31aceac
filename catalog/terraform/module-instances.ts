/**
 * Every resource instance of a configuration with its module calls evaluated as Terraform does:
 * each call's count or for_each expanded (`module.vpc[0]`, `module.queue["orders"]`), its
 * arguments evaluated in the caller's scope as the module's variables, the caller's provider
 * configurations passed down (the default ones, or those its `providers` map names), and every
 * resource addressed under the call (`module.vpc.aws_nat_gateway.this[0]`). Which root variables
 * without a value each instance needed is kept, to be reported once per variable.
 */
import { GroundworkError } from '../../model/errors';
import { compareText } from '../../model/stable-json';
import type { SourceLocation } from './configuration-folder';
import { isUnknown, evaluate, Scope, Value } from './hcl-expression';
import type { ModuleCallSource, ModuleConfiguration } from './module-tree';
import { blockInstances, configurationScope, instanceKeys, resolveBody, ResourceInstance, withNames } from './resource-instances';
import { itemsOf as items, Json, membersOf } from '../../model/json-object';
import type { TerraformConfiguration } from './terraform-output';
import { VariableOrigins } from './variable-origins';

/** More resource instances than this in one configuration (counts multiplied through modules) is a mistake, not an estate. */
export const MAX_CONFIGURATION_INSTANCES = 200_000;
/** Likewise module instances: nested counts over modules with no resources would otherwise run unbounded. */
export const MAX_MODULE_INSTANCES = 20_000;

const CALL_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on', '//']);

/** What a module call's count or for_each leaves unknown for every resource under it: why, and the root variables it waits for. */
interface CallCount {
  readonly unknown?: string;
  readonly needs: ReadonlySet<string>;
}
const NO_CALL_COUNT: CallCount = { needs: new Set() };

interface Evaluation {
  readonly stack: string;
  readonly origins: VariableOrigins;
  readonly out: ResourceInstance[];
  /** Module instances evaluated so far. */
  modules: number;
}

/** The configuration's instances, modules included; a plan's as planned. */
export function configurationInstances(config: TerraformConfiguration): ResourceInstance[] {
  if (config.planned) return [...config.planned];
  const origins = new VariableOrigins();
  const run: Evaluation = { stack: config.stack, origins, out: [], modules: 0 };
  const root: ModuleConfiguration = { json: config.json, locations: config.locations ?? new Map(), calls: config.modules ?? new Map() };
  evaluateModule(run, root, { values: config.variables, origins, missing: (name) => [`var.${name}`] }, '', {}, NO_CALL_COUNT);
  return run.out;
}

/** Provider configurations of a module: those passed down, its own blocks (resolved in its scope) over them. */
function providersOf(json: Json, scope: Scope, passed: Json): Json {
  const own = resolveBody(json.provider ?? {}, scope) as Json;
  const out: Json = { ...passed };
  for (const [name, configs] of Object.entries(own)) {
    const list = [...items(out[name])];
    for (const config of items(configs)) {
      const at = list.findIndex((c) => (c.alias ?? null) === (config.alias ?? null));
      if (at >= 0) list[at] = config;
      else list.push(config);
    }
    out[name] = list;
  }
  return out;
}

/** What a call passes down: the caller's default configurations, or those its `providers` map names (`aws = aws.west`). */
function passedProviders(call: Json, callerProviders: Json): Json {
  const pick = (reference: string): Json | undefined => {
    const [name, alias] = reference.split('.');
    return items(callerProviders[name]).find((c) => (c.alias ?? undefined) === alias);
  };
  const out: Json = {};
  for (const [name, configs] of Object.entries(callerProviders)) {
    const defaults = items(configs).filter((c) => c.alias === undefined);
    if (defaults.length) out[name] = defaults;
  }
  const mapping = call.providers && typeof call.providers === 'object' ? (call.providers as Json) : {};
  for (const [inner, outer] of Object.entries(mapping)) {
    const config = typeof outer === 'string' ? pick(outer.trim()) : undefined;
    if (!config) continue;
    const [name, alias] = inner.split('.');
    const { alias: _dropped, ...rest } = config;
    const renamed = alias ? { ...rest, alias } : rest;
    out[name] = [...items(out[name]).filter((c) => (c.alias ?? undefined) !== alias), renamed];
  }
  return out;
}

function evaluateModule(run: Evaluation, module: ModuleConfiguration, inputs: Parameters<typeof configurationScope>[1], prefix: string, passed: Json, callCount: CallCount): void {
  const scope = configurationScope(module.json, inputs);
  const providers = providersOf(module.json, scope, passed);
  const sourceOf = (type: string, name: string): SourceLocation | undefined => module.locations.get(`resource.${type}.${name}`);
  const resources = membersOf(module.json.resource);
  for (const type of Object.keys(resources).sort(compareText)) {
    const byName = membersOf(resources[type]);
    for (const name of Object.keys(byName).sort(compareText)) {
      const [instances, needs] = run.origins.collect(() => blockInstances(run.stack, { resource: { [type]: { [name]: byName[name] } } }, scope, prefix));
      const source = sourceOf(type, name);
      const waitsFor = [...new Set([...needs, ...callCount.needs])].sort(compareText);
      for (const instance of instances) {
        run.out.push({
          ...instance,
          ...(callCount.unknown && !instance.unknownInstances ? { unknownInstances: callCount.unknown } : {}),
          providers,
          ...(source ? { source } : {}),
          ...(waitsFor.length ? { unknownVariables: waitsFor } : {}),
        });
      }
      if (run.out.length > MAX_CONFIGURATION_INSTANCES) throw new GroundworkError(`${run.stack}: ${prefix}${type}.${name} takes the configuration past ${MAX_CONFIGURATION_INSTANCES} resource instances (counts multiplied through modules): not an estate to analyse.`);
    }
  }
  for (const [name, call] of [...module.calls].sort(([a], [b]) => compareText(a, b))) evaluateCall(run, name, call, module, scope, prefix, providers, callCount);
}

function evaluateCall(run: Evaluation, name: string, source: ModuleCallSource, caller: ModuleConfiguration, scope: Scope, prefix: string, providers: Json, outerCount: CallCount): void {
  if (!('module' in source)) return;
  const call = items(membersOf(caller.json.module)[name])[0] ?? {};
  const address = `${prefix}module.${name}`;
  const [keys, countNeeds] = run.origins.collect(() => instanceKeys(call, scope, `${run.stack}: ${address}`));
  const passed = passedProviders(call, providers);
  const expansions = 'unknown' in keys ? [{ suffix: '', names: {}, iterators: [] as string[] }] : keys;
  const callCount: CallCount = {
    unknown: 'unknown' in keys ? `${address}'s ${keys.unknown}` : outerCount.unknown,
    needs: 'unknown' in keys ? new Set([...outerCount.needs, ...countNeeds]) : outerCount.needs,
  };
  for (const key of expansions) {
    if (++run.modules > MAX_MODULE_INSTANCES) throw new GroundworkError(`${run.stack}: ${address}${key.suffix} takes the configuration past ${MAX_MODULE_INSTANCES} module instances (counts multiplied through modules): not an estate to analyse.`);
    const callScope = key.iterators.length ? withNames(scope, key.names) : scope;
    const values = new Map<string, Value>();
    const waiting = new Map<string, ReadonlySet<string>>();
    for (const [argument, expression] of Object.entries(call)) {
      if (CALL_META.has(argument)) continue;
      const [value, needs] = run.origins.collect(() => evaluate(expression, callScope));
      // Wholly unknown: the module's variable has no value; partly known (a tags map with one reference): its known parts are used.
      if (isUnknown(value)) waiting.set(argument, needs);
      else values.set(argument, value);
    }
    // An input without a value waits for the root variables its expression needed.
    const missing = (variable: string): Iterable<string> => waiting.get(variable) ?? [];
    evaluateModule(run, source.module, { values, origins: run.origins, missing }, `${address}${key.suffix}.`, passed, callCount);
  }
}
