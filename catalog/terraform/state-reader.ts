/**
 * A Terraform state as the analysis's input, so catalog and cost describe what exists with its
 * actual attributes: `terraform show -json` of a state, or a raw terraform.tfstate (version 4).
 * Attributes the state marks sensitive are replaced before anything reads them, so no report or
 * message can hold them. Compared with the configuration beside it, what the state holds that
 * the configuration no longer declares is listed as orphaned: the next apply would destroy it.
 * (Resources created outside Terraform are in no state; they cannot be seen without the cloud's API.)
 */
import * as path from 'path';
import { GroundworkError } from '../../model/errors';
import { readJsonFile } from '../../model/read-json';
import { compareText } from '../../model/stable-json';
import { configurationInstances } from './module-instances';
import type { NotAnalysed, ResourceInstance } from './resource-instances';
import { toTerraformJson } from './resource-instances';
import { isJson as isObject, Json, membersOf } from '../../model/json-object';
import type { TerraformConfiguration } from './terraform-output';

/** What a sensitive attribute reads as: an expression, so no tool takes it for a literal, and never the value. */
export const SENSITIVE = '${(sensitive value)}';

interface StateResource {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  /** Escaped (literal), sensitive attributes replaced. */
  readonly values: Json;
}


/** A state's values are what exists: literal, so `${` in them is escaped before anything evaluates them. */
const escaped = (values: unknown): Json => (isObject(values) ? (toTerraformJson(values as never) as Json) : {});

/** `values` with every leaf `sensitive` marks (true, in the same shape) replaced by SENSITIVE. */
function withoutMarked(values: unknown, sensitive: unknown): unknown {
  if (sensitive === true) return SENSITIVE;
  if (Array.isArray(values) && Array.isArray(sensitive)) return values.map((v, i) => withoutMarked(v, sensitive[i]));
  if (isObject(values) && isObject(sensitive)) return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, withoutMarked(v, sensitive[k])]));
  return values;
}

/** Raw state's sensitive_attributes (paths of get_attr / index steps) as the marks withoutMarked reads. */
function marksOf(paths: unknown): unknown {
  let marks: unknown = {};
  for (const steps of Array.isArray(paths) ? paths : []) {
    const keys = (Array.isArray(steps) ? steps : []).map((s: Json) => (s && typeof s === 'object' ? (s.value as string | number) : undefined));
    if (!keys.length || keys.some((k) => k === undefined)) continue;
    if (!isObject(marks)) marks = {};
    let at = marks as Json;
    keys.forEach((k, i) => {
      if (i === keys.length - 1) at[k as string] = true;
      else {
        const next = at[k as string];
        at = at[k as string] = isObject(next) ? next : {};
      }
    });
  }
  return marks;
}

function fromShowJson(json: Json, shown: string): StateResource[] {
  const out: StateResource[] = [];
  const walk = (module: unknown, at: string) => {
    if (module === undefined) return;
    if (!isObject(module)) throw new GroundworkError(`${shown}: ${at} must be an object.`);
    (Array.isArray(module.resources) ? module.resources : []).forEach((r: unknown, i: number) => {
      if (!isObject(r) || typeof r.address !== 'string' || typeof r.type !== 'string' || typeof r.name !== 'string') throw new GroundworkError(`${shown}: ${at}.resources[${i}] must be an object with an address, a type and a name.`);
      if (r.mode === 'managed') out.push({ address: r.address, type: r.type, name: r.name, values: withoutMarked(escaped(r.values), r.sensitive_values) as Json });
    });
    (Array.isArray(module.child_modules) ? module.child_modules : []).forEach((m: unknown, i: number) => walk(m, `${at}.child_modules[${i}]`));
  };
  walk(membersOf(json.values).root_module, 'values.root_module');
  return out;
}

function fromRawState(json: Json, shown: string): StateResource[] {
  if (json.version !== 4) throw new GroundworkError(`${shown} is a Terraform state of version ${JSON.stringify(json.version)}; only version 4 (Terraform 0.12 and later) is read.`);
  const out: StateResource[] = [];
  (Array.isArray(json.resources) ? json.resources : []).forEach((r: unknown, i: number) => {
    if (!isObject(r) || typeof r.type !== 'string' || typeof r.name !== 'string' || !Array.isArray(r.instances)) throw new GroundworkError(`${shown}: resources[${i}] must be an object with a type, a name and a list of instances.`);
    if (r.mode !== 'managed') return;
    const prefix = typeof r.module === 'string' && r.module ? `${r.module}.` : '';
    for (const instance of r.instances as unknown[]) {
      if (!isObject(instance)) throw new GroundworkError(`${shown}: resources[${i}].instances must hold objects.`);
      const key = instance.index_key === undefined ? '' : `[${JSON.stringify(instance.index_key)}]`;
      out.push({ address: `${prefix}${r.type}.${r.name}${key}`, type: r.type, name: r.name, values: withoutMarked(escaped(instance.attributes), marksOf(instance.sensitive_attributes)) as Json });
    }
  });
  return out;
}

/** The region an AWS resource is in, from its ARN (`arn:aws:sqs:eu-west-1:...`). */
function regionOf(values: Json): string | undefined {
  const arn = values.arn;
  const region = typeof arn === 'string' ? arn.split(':')[3] : undefined;
  return region || undefined;
}

/** Index keys dropped: `module.a["x"].aws_b.c[0]` -> `module.a.aws_b.c`. */
const blockAddress = (address: string) => address.replace(/\[[^\]]*\]/g, '');

/** What the state holds that `configuration` does not declare (a block whose instances are unknown declares all of its own). */
function orphansOf(stack: string, resources: readonly StateResource[], configuration: TerraformConfiguration, declared: readonly ResourceInstance[]): NotAnalysed[] {
  const exact = new Set(declared.map((i) => i.address));
  const uncounted = new Set(declared.filter((i) => i.unknownInstances).map((i) => blockAddress(i.address)));
  const unread = [...(configuration.modules ?? [])].filter(([, call]) => 'notRead' in call).map(([name]) => `module.${name}`);
  return resources
    .filter((r) => !exact.has(r.address) && !uncounted.has(blockAddress(r.address)) && !unread.some((m) => blockAddress(r.address).startsWith(`${m}.`)))
    .map((r) => ({ stack, address: r.address, reason: `in the state but not in the configuration (${configuration.stack}): the next apply would destroy it` }));
}

/**
 * The state in `file` as a configuration of what exists. `configuration`, when given, is the
 * configuration the state belongs to: its region fills in where no ARN gives one, and what it
 * no longer declares is listed as orphaned.
 */
export function readState(file: string, configuration?: TerraformConfiguration): TerraformConfiguration {
  const shown = path.basename(file);
  const json = readJsonFile(file, shown, 'write it with terraform show -json > state.json, or pass terraform.tfstate');
  if (!isObject(json)) throw new GroundworkError(`${shown} is not a Terraform state: it must be a JSON object.`);
  let resources: StateResource[];
  if (typeof json.format_version === 'string' && !('planned_values' in json)) resources = fromShowJson(json, shown);
  else if ('version' in json && 'resources' in json) resources = fromRawState(json, shown);
  else throw new GroundworkError(`${shown} is not a Terraform state: neither terraform show -json of a state ("format_version", "values") nor a terraform.tfstate ("version": 4, "resources").`);
  const declared = configuration ? configurationInstances(configuration) : [];
  const fallback = defaultRegion(declared);
  const providers = new Map<string, Json>();
  const providersIn = (region: string | undefined) => {
    const key = region ?? '';
    if (!providers.has(key)) providers.set(key, { aws: [region ? { region } : {}] });
    return providers.get(key)!;
  };
  const planned: ResourceInstance[] = resources
    .map((r) => {
      const body = { ...r.values };
      // tags_all holds the provider's default_tags too: the effective tags.
      if (isObject(body.tags_all)) body.tags = body.tags_all;
      return { type: r.type, name: r.name, address: r.address, body, providers: providersIn(regionOf(r.values) ?? fallback) };
    })
    .sort((a, b) => compareText(a.address, b.address));
  const stack = shown.replace(/\.json$/, '');
  return { stack, files: [shown], json: {}, planned, ...(configuration ? { orphans: orphansOf(stack, resources, configuration, declared) } : {}) };
}

/** The region the configuration's root resources are in (its default AWS provider, variables resolved), for state entries without an ARN that says. */
function defaultRegion(declared: readonly ResourceInstance[]): string | undefined {
  for (const instance of declared) {
    if (instance.address.startsWith('module.')) continue;
    const aws = instance.providers?.aws;
    const config = (Array.isArray(aws) ? aws : []).find((c: Json) => c.alias === undefined);
    if (typeof config?.region === 'string' && !config.region.includes('${')) return config.region;
  }
  return undefined;
}
