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
import { GroundworkError } from '../../model/errors';
import { compareText } from '../../model/stable-json';
import { evaluate, Scope, Value } from './hcl-expression';
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
  if (fs.statSync(target).isFile()) return [readPlan(target, path.basename(target).replace(/\.json$/, ''), path.basename(target))];
  const plans: TerraformConfiguration[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => compareText(a.name, b.name))) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'catalog') walk(file);
      else if (entry.isFile() && entry.name.endsWith('.json')) {
        const shown = path.relative(target, file);
        const json = parse(file, shown);
        if (isPlan(json)) plans.push(fromPlan(json, shown.replace(/\.json$/, ''), shown));
      }
    }
  };
  walk(target);
  if (!plans.length) throw new GroundworkError(`${target} holds no Terraform plan in JSON: no .json file with "planned_values" (write one with terraform show -json plan.out > plan.json).`);
  return plans;
}

function parse(file: string, shown: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new GroundworkError(`${shown} is not valid JSON (${(error as Error).message}): pass the output of terraform show -json.`);
  }
}

const isPlan = (json: unknown): json is Json => Boolean(json && typeof json === 'object' && !Array.isArray(json) && typeof (json as Json).planned_values === 'object' && (json as Json).planned_values !== null);

function readPlan(file: string, stack: string, shown: string): TerraformConfiguration {
  const json = parse(file, shown);
  if (!isPlan(json)) throw new GroundworkError(`${shown} is not a Terraform plan in JSON: it has no "planned_values" object (write it with terraform show -json plan.out > ${shown}).`);
  return fromPlan(json, stack, shown);
}

/** Index keys dropped: `module.a["x"].aws_b.c[0]` -> `module.a.aws_b.c`, the configuration's address. */
const configAddress = (address: string) => address.replace(/\[[^\]]*\]/g, '');

/** The configuration blocks of every module, by address without instance keys. */
function configurationResources(module: Json | undefined, prefix: string, out: Map<string, Json>): Map<string, Json> {
  for (const r of Array.isArray(module?.resources) ? module.resources : []) if (r && typeof r.address === 'string') out.set(`${prefix}${r.address}`, r);
  for (const [name, call] of Object.entries<Json>(module?.module_calls ?? {})) configurationResources(call?.module, `${prefix}module.${name}.`, out);
  return out;
}

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
    const reference = Array.isArray(references) ? references.find((r) => typeof r === 'string' && !/^(var|local|each|count)\./.test(r)) : undefined;
    return reference ? `\${${reference}}` : AFTER_APPLY;
  }
  if (Array.isArray(unknown)) {
    const list = Array.isArray(values) ? [...values] : [];
    unknown.forEach((u, i) => (list[i] = withUnknowns(list[i], u, Array.isArray(configured) ? configured[i] : undefined)));
    return list.filter((item) => item !== undefined);
  }
  if (unknown && typeof unknown === 'object') {
    const object: Json = values && typeof values === 'object' && !Array.isArray(values) ? { ...values } : {};
    for (const [key, u] of Object.entries(unknown)) {
      const value = withUnknowns(object[key], u, configured?.[key]);
      if (value === undefined) delete object[key];
      else object[key] = value;
    }
    return object;
  }
  return values;
}

function fromPlan(plan: Json, stack: string, shown: string): TerraformConfiguration {
  const variables: Record<string, Value> = {};
  for (const [name, v] of Object.entries<Json>(plan.variables ?? {})) if (v && 'value' in v) variables[name] = v.value as Value;
  const scope: Scope = { lookup: (root, name) => (root === 'var' ? variables[name] : undefined) };
  // Provider blocks of the root module (as written, `${var.region}` included), evaluated with the plan's variables.
  const provider: Json = {};
  for (const [key, config] of Object.entries<Json>(plan.configuration?.provider_config ?? {})) {
    const region = evaluate(config?.expressions?.region?.constant_value, scope);
    provider[key] = [typeof region === 'string' ? { region } : {}];
  }
  const configs = configurationResources(plan.configuration?.root_module, '', new Map());
  const changes = new Map<string, Json>();
  for (const c of Array.isArray(plan.resource_changes) ? plan.resource_changes : []) if (c && typeof c.address === 'string') changes.set(c.address, c);
  const planned: ResourceInstance[] = [];
  const walk = (module: Json | undefined) => {
    for (const r of Array.isArray(module?.resources) ? module.resources : []) {
      if (!r || r.mode !== 'managed' || typeof r.address !== 'string' || typeof r.type !== 'string') continue;
      const config = configs.get(configAddress(r.address));
      const unknown = changes.get(r.address)?.change?.after_unknown;
      const body = withUnknowns(r.values ?? {}, unknown ?? {}, config?.expressions) as Json;
      // tags_all holds the provider's default_tags too: the effective tags.
      if (body.tags_all && typeof body.tags_all === 'object') body.tags = body.tags_all;
      const key = typeof config?.provider_config_key === 'string' && config.provider_config_key in provider ? config.provider_config_key : r.type.split('_')[0];
      planned.push({ type: r.type, name: String(r.name), address: r.address, body: { ...body, provider: key } });
    }
    for (const child of Array.isArray(module?.child_modules) ? module.child_modules : []) walk(child);
  };
  walk(plan.planned_values.root_module);
  planned.sort((a, b) => compareText(a.address, b.address));
  return { stack, files: [shown], json: { provider }, planned };
}
