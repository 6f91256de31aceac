/**
 * What the plan reader relies on in `terraform show -json`, as a spine (the containers on the way
 * to each element, PLAN_SPINE) and a check of each element as it streams: every wrong shape is one
 * sentence naming its path in the file. Each element is reduced at once to what the analysis needs
 * (a compact per-resource index) and the element itself dropped.
 */
import type { Json } from './terraform-output';
import { expectShape, Segment, shapeError, Spine, SpineRule } from './plan-stream';

export type PlanRole = 'plan' | 'variables' | 'plannedValues' | 'plannedModule' | 'plannedResources' | 'childModules' | 'changes' | 'configuration' | 'providerConfig' | 'configModule' | 'configResources' | 'moduleCalls' | 'moduleCall';
export type PlanElement = 'formatVersion' | 'variable' | 'planned' | 'change' | 'provider' | 'config';

type Rule = SpineRule<PlanRole, PlanElement>;
const object = (role: PlanRole): Rule => ({ expect: 'an object', role });
const list = (role: PlanRole): Rule => ({ expect: 'a list', role });
const element = (kind: PlanElement): Rule => ({ expect: 'an object', element: kind });

/** Where each element sits; members not named here are skipped unread (prior_state, output_changes, ...). */
export const PLAN_SPINE: Spine<PlanRole, PlanElement> = (role, key) => {
  switch (role) {
    case 'plan':
      switch (key) {
        case 'format_version':
          return { expect: 'a string', element: 'formatVersion' };
        case 'variables':
          return object('variables');
        case 'planned_values':
          return object('plannedValues');
        case 'resource_changes':
          return list('changes');
        case 'configuration':
          return object('configuration');
      }
      return undefined;
    case 'variables':
      return element('variable');
    case 'plannedValues':
      return key === 'root_module' ? object('plannedModule') : undefined;
    case 'plannedModule':
      return key === 'resources' ? list('plannedResources') : key === 'child_modules' ? list('childModules') : undefined;
    case 'plannedResources':
      return element('planned');
    case 'childModules':
      return object('plannedModule');
    case 'changes':
      return element('change');
    case 'configuration':
      return key === 'provider_config' ? object('providerConfig') : key === 'root_module' ? object('configModule') : undefined;
    case 'providerConfig':
      return element('provider');
    case 'configModule':
      return key === 'resources' ? list('configResources') : key === 'module_calls' ? object('moduleCalls') : undefined;
    case 'configResources':
      return element('config');
    case 'moduleCalls':
      return object('moduleCall');
    case 'moduleCall':
      return key === 'module' ? object('configModule') : undefined;
  }
};

/** A resource of planned_values: its planned values as the body. */
export interface PlannedResource {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly values: Json;
}

/** A resource change: its actions and, for managed resources, the parts unknown until apply (false leaves dropped: they change nothing). */
export interface ChangeFacts {
  readonly mode: string;
  readonly type: string;
  readonly actions: readonly string[];
  readonly afterUnknown?: unknown;
}

/** A resource block of the configuration: its provider and only what withUnknowns reads of its expressions. */
export interface ConfiguredResource {
  readonly mode: string;
  readonly providerConfigKey?: string;
  readonly expressions?: unknown;
}

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Checks `key` of an element: required (present, of this type) or optional (absent, or of this type). */
function member(shown: string, at: readonly Segment[], value: Json, key: string, expect: 'an object' | 'a list' | 'a string', optional = false): void {
  if (optional && !(key in value)) return;
  expectShape(shown, [...at, key], expect, value[key]);
}

/** The common part of resources in planned_values, resource_changes and the configuration. */
function checkResource(shown: string, at: readonly Segment[], r: Json, withName: boolean): { address: string; mode: string; type: string; name: string } {
  member(shown, at, r, 'address', 'a string');
  member(shown, at, r, 'mode', 'a string');
  member(shown, at, r, 'type', 'a string');
  if (withName) member(shown, at, r, 'name', 'a string');
  // Checked above: strings (name only when asked for).
  return r as { address: string; mode: string; type: string; name: string };
}

export function plannedResource(shown: string, at: readonly Segment[], r: Json): PlannedResource {
  const { address, mode, type, name } = checkResource(shown, at, r, true);
  member(shown, at, r, 'values', 'an object', true);
  return { address, mode, type, name, values: (r.values as Json | undefined) ?? {} };
}

export function changeFacts(shown: string, at: readonly Segment[], c: Json): ChangeFacts {
  const { mode, type } = checkResource(shown, at, c, false);
  member(shown, at, c, 'change', 'an object');
  const change = c.change as Json;
  const where = [...at, 'change'];
  member(shown, where, change, 'actions', 'a list');
  const actions = change.actions as string[];
  actions.forEach((action, i) => expectShape(shown, [...where, 'actions', i], 'a string', action));
  if (mode !== 'managed') return { mode, type, actions };
  member(shown, where, change, 'after_unknown', 'an object', true);
  const afterUnknown = unknownParts(change.after_unknown);
  return { mode, type, actions, ...(afterUnknown && Object.keys(afterUnknown).length ? { afterUnknown } : {}) };
}

export function configuredResource(shown: string, at: readonly Segment[], r: Json): ConfiguredResource {
  const { mode } = checkResource(shown, at, r, false);
  member(shown, at, r, 'provider_config_key', 'a string', true);
  member(shown, at, r, 'expressions', 'an object', true);
  return { mode, ...(typeof r.provider_config_key === 'string' ? { providerConfigKey: r.provider_config_key } : {}), ...(r.expressions ? { expressions: expressionParts(r.expressions) } : {}) };
}

/** A provider block of the root module: its region as written (a constant, or `${var.region}`), if any. */
export function providerRegion(shown: string, at: readonly Segment[], p: Json): unknown {
  member(shown, at, p, 'expressions', 'an object', true);
  if (!p.expressions) return undefined;
  const expressions = p.expressions as Json;
  member(shown, [...at, 'expressions'], expressions, 'region', 'an object', true);
  return (expressions.region as Json | undefined)?.constant_value;
}

/** A variable's value (`{"value": ...}`), or undefined when it has none. */
export function variableValue(v: Json): { value: unknown } | undefined {
  return 'value' in v ? { value: v.value } : undefined;
}

/** The one format this reader knows: 1.x (the major version changes only with incompatible output). */
export function checkFormatVersion(shown: string, version: unknown): void {
  if (typeof version !== 'string' || !/^1\.\d+$/.test(version)) throw shapeError(shown, ['format_version'], '"1.x", the format of terraform show -json this reader knows', version);
}

/** The module prefix of a configuration resource, from where it sits: `module_calls.a.module.module_calls.b.module.resources[0]` -> `module.a.module.b.`. */
export function modulePrefix(at: readonly Segment[]): string {
  let prefix = '';
  for (let i = 0; i < at.length - 1; i++) if (at[i] === 'module_calls') prefix += `module.${at[i + 1]}.`;
  return prefix;
}

/** The reference an unknown value stands for: the first to another resource (a variable, local, each or count is no relation). */
export const usableReference = (references: readonly unknown[]): string | undefined =>
  references.find((r): r is string => typeof r === 'string' && !/^(var|local|each|count)\./.test(r));

/** A new object without a prototype: a key named `__proto__` from the file stays a key. */
const bare = (): Json => Object.create(null) as Json;

/** after_unknown without its false leaves (in objects; in lists they keep their place): what is left is what withUnknowns changes. */
function unknownParts(u: unknown): Json | undefined {
  if (!isObject(u)) return undefined;
  return unknownPart(u) as Json;
}

function unknownPart(u: unknown): unknown {
  if (u === true) return true;
  if (Array.isArray(u)) return u.map((item) => unknownPart(item) ?? false);
  if (!isObject(u)) return undefined;
  const out = bare();
  for (const key of Object.keys(u)) {
    const part = unknownPart(u[key]);
    if (part !== undefined) out[key] = part;
  }
  return out;
}

/** Only what withUnknowns reads of expressions: their objects and lists, each `references` cut to the one reference it would use. */
function expressionParts(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(expressionParts);
  if (!isObject(node)) return undefined;
  const out = bare();
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (key === 'references' && Array.isArray(value)) {
      const used = usableReference(value);
      out.references = used === undefined ? [] : [used];
      continue;
    }
    const part = expressionParts(value);
    if (part !== undefined) out[key] = part;
  }
  return out;
}
