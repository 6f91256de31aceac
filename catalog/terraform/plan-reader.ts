/**
 * Reads Terraform plans in JSON (`terraform show -json plan.out`) as configurations every tool
 * analyses like any other: one resource instance per planned resource (variables, locals, count,
 * for_each and modules already resolved by Terraform), values known only after apply marked as
 * such, references taken from the plan's `configuration`. The PR report reuses this reader.
 *
 *   readPlans('plan.json')       one configuration named `plan`
 *   readPlans('plans/')          every plan JSON of a folder, named by relative path
 */
import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError, isGroundworkError } from '../../model/errors';
import { copyOf } from '../../model/shared-shape';
import { compareText } from '../../model/stable-json';
import { evaluate, Scope, Value } from './hcl-expression';
import { ChangeFacts, changeFacts, checkFormatVersion, ConfiguredResource, configuredResource, modulePrefix, PLAN_SPINE, PlanElement, PlannedResource, plannedResource, providerRegion, usableReference, variableValue } from './plan-elements';
import { StreamHandlers, streamDocument } from './plan-stream';
import type { ResourceInstance } from './resource-instances';
import type { Json, TerraformConfiguration } from './terraform-output';

/**
 * What a value known only after apply reads as: an expression, so `literal()` and the guardrails'
 * evaluator treat it as unknown; reports say "known after apply" for it.
 */
export const AFTER_APPLY = '${(known after apply)}';

export const isAfterApply = (value: unknown): boolean => value === AFTER_APPLY;

/** A plan file, or a folder of them (files ending .json that hold a plan; others are ignored). */
export function readPlans(target: string): TerraformConfiguration[] {
  if (!fs.existsSync(target)) throw new GroundworkError(`${target} does not exist: pass a plan in JSON (terraform show -json plan.out > plan.json) or a folder of them.`);
  if (!fs.statSync(target).isDirectory()) {
    const shown = path.basename(target);
    return [fromPlan(readPlanIndex(target, shown, { followLink: true }), shown.replace(/\.json$/, ''), shown)];
  }
  const plans: TerraformConfiguration[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => compareText(a.name, b.name))) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'catalog') walk(file);
      else if (entry.isFile() && entry.name.endsWith('.json')) {
        const shown = path.relative(target, file);
        const index = readPlanIfAny(file, shown);
        if (index) plans.push(fromPlan(index, shown.replace(/\.json$/, ''), shown));
      }
    }
  };
  walk(target);
  if (!plans.length) throw new GroundworkError(`${target} holds no Terraform plan in JSON: no .json file with "planned_values" (write one with terraform show -json plan.out > plan.json).`);
  return plans;
}

/** A plan as the analysis needs it: per resource, its planned values, its change and its configuration, each reduced as it streamed. */
export interface PlanIndex {
  readonly variables: ReadonlyMap<string, unknown>;
  /** Provider configuration key -> its region as written (a constant, or an expression of the variables). */
  readonly providerRegions: ReadonlyMap<string, unknown>;
  readonly planned: readonly PlannedResource[];
  readonly changes: ReadonlyMap<string, ChangeFacts>;
  /** By address without instance keys, module prefix included (`module.a.aws_b.c`). */
  readonly configs: ReadonlyMap<string, ConfiguredResource>;
}

/**
 * Streams one plan file into its index, checking every element on the way. A file without
 * "planned_values" is not a plan (the folder walk ignores those); `require` lists the other
 * root members the caller relies on.
 */
export function readPlanIndex(file: string, shown: string, { followLink = false, require = ['planned_values'] }: { followLink?: boolean; require?: readonly string[] } = {}): PlanIndex {
  const variables = new Map<string, unknown>();
  const providerRegions = new Map<string, unknown>();
  const planned: PlannedResource[] = [];
  const changes = new Map<string, ChangeFacts>();
  const configs = new Map<string, ConfiguredResource>();
  const handlers: StreamHandlers<PlanElement> = {
    element(kind, value, at) {
      const name = at.at(-1) as string;
      switch (kind) {
        case 'formatVersion':
          return checkFormatVersion(shown, value);
        case 'variable': {
          const v = variableValue(value as Json);
          if (v) variables.set(name, v.value);
          return;
        }
        case 'provider':
          providerRegions.set(name, providerRegion(shown, at, value as Json));
          return;
        case 'planned':
          planned.push(plannedResource(shown, at, value as Json));
          return;
        case 'change': {
          const c = changeFacts(shown, at, value as Json);
          // changeFacts checked the address is a string.
          changes.set((value as Json).address as string, c);
          return;
        }
        case 'config':
          configs.set(`${modulePrefix(at)}${(value as Json).address}`, configuredResource(shown, at, value as Json));
          return;
      }
    },
  };
  streamDocument(file, shown, PLAN_SPINE, 'plan', handlers, { followLink, required: (seen) => requireMembers(shown, seen, require) });
  return { variables, providerRegions, planned, changes, configs };
}

function requireMembers(shown: string, seen: ReadonlySet<string>, require: readonly string[]): void {
  for (const key of [...require, 'format_version']) {
    if (!seen.has(key)) throw new GroundworkError(`${shown} is not a Terraform plan in JSON: it has no "${key}" ${key === 'format_version' ? 'string' : key === 'resource_changes' ? 'list' : 'object'} (write it with terraform show -json plan.out > ${shown}).`);
  }
}

/** A file of a folder: its plan index, or undefined if it is JSON but not a plan (no "planned_values"). Its shape errors count only if it is a plan; invalid JSON always does. */
function readPlanIfAny(file: string, shown: string): PlanIndex | undefined {
  try {
    return readPlanIndex(file, shown);
  } catch (error) {
    if (!isGroundworkError(error) || hasRootMember(file, shown, 'planned_values')) throw error;
    return undefined;
  }
}

/** Whether a JSON file's root object has this member (grammar and depth checked, nothing assembled). */
function hasRootMember(file: string, shown: string, key: string): boolean {
  let seen: ReadonlySet<string | number> = new Set();
  streamDocument(file, shown, () => undefined, undefined, { element: () => undefined }, { followLink: false, required: (members) => (seen = members) });
  return seen.has(key);
}

/** Index keys dropped: `module.a["x"].aws_b.c[0]` -> `module.a.aws_b.c`, the configuration's address. */
const configAddress = (address: string) => address.replace(/\[[^\]]*\]/g, '');

/**
 * Planned values with what is unknown until apply replaced: by the reference the configuration
 * gives for it (so relations between resources survive), else by AFTER_APPLY. An unknown the
 * configuration does not set is the provider's computed default: left out, as in a configuration.
 */
function withUnknowns(values: unknown, unknown: unknown, expressions: unknown): unknown {
  const configured = expressions && typeof expressions === 'object' ? (expressions as Json) : undefined;
  if (unknown === true) {
    if (!configured) return undefined;
    const references: unknown = configured.references;
    const reference = Array.isArray(references) ? usableReference(references) : undefined;
    return reference ? `\${${reference}}` : AFTER_APPLY;
  }
  if (Array.isArray(unknown)) {
    const list = Array.isArray(values) ? [...values] : [];
    unknown.forEach((u, i) => (list[i] = withUnknowns(list[i], u, Array.isArray(configured) ? configured[i] : undefined)));
    return list.filter((item) => item !== undefined);
  }
  if (unknown && typeof unknown === 'object') {
    const object: Json = values && typeof values === 'object' && !Array.isArray(values) ? copyOf(values as Json) : {};
    for (const [key, u] of Object.entries(unknown)) {
      const value = withUnknowns(object[key], u, configured?.[key]);
      if (value === undefined) delete object[key];
      else object[key] = value;
    }
    return object;
  }
  return values;
}

function fromPlan(plan: PlanIndex, stack: string, shown: string): TerraformConfiguration {
  const scope: Scope = { lookup: (root, name) => (root === 'var' ? (plan.variables.get(name) as Value) : undefined) };
  // Provider blocks of the root module (as written, `${var.region}` included), evaluated with the plan's variables.
  const provider: Json = {};
  for (const [key, written] of plan.providerRegions) {
    const region = evaluate(written, scope);
    provider[key] = [typeof region === 'string' ? { region } : {}];
  }
  const planned: ResourceInstance[] = [];
  // Each planned resource is dropped from the index once converted: the two are never both whole in memory.
  const resources = plan.planned as (PlannedResource | undefined)[];
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i]!;
    resources[i] = undefined;
    if (r.mode !== 'managed') continue;
    const config = plan.configs.get(configAddress(r.address));
    const unknown = plan.changes.get(r.address)?.afterUnknown;
    const body = withUnknowns(r.values, unknown ?? {}, config?.expressions) as Json;
    // tags_all holds the provider's default_tags too: the effective tags.
    if (body.tags_all && typeof body.tags_all === 'object') body.tags = body.tags_all;
    const key = config?.providerConfigKey !== undefined && Object.hasOwn(provider, config.providerConfigKey) ? config.providerConfigKey : r.type.split('_')[0];
    const withProvider = copyOf(body);
    withProvider.provider = key;
    planned.push({ type: r.type, name: r.name, address: r.address, body: withProvider });
  }
  planned.sort((a, b) => compareText(a.address, b.address));
  return { stack, files: [shown], json: { provider }, planned };
}
