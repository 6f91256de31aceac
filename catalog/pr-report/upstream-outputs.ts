import { isJson as isObject, Json, membersOf } from '../../model/json-object';
import { valueHash } from './planned-values';

/**
 * Values a stack reads from another stack's outputs (cdktf's cross-stack references: a
 * `terraform_remote_state` data source named `cross-stack-reference-input-<stack>`). Terraform
 * reads remote state at plan time, so the reviewed plan of a Kubernetes stack holds the AWS
 * stack's outputs as they were before the pull request; once the AWS stack is applied, the same
 * expressions give the new values. These helpers find, in a plan's own `configuration`, which
 * top-level attributes read which upstream outputs, and which outputs a plan changes.
 */

/** cdktf's name for the remote-state data source through which a stack reads `<stack>`'s outputs. */
const CROSS_STACK_INPUT = 'cross-stack-reference-input-';
/** `data.terraform_remote_state.<name>.outputs.<output>` (or `outputs["<output>"]`), as terraform lists references. */
const REMOTE_OUTPUT = /^data\.terraform_remote_state\.([^.[\]]+)\.outputs(?:\.([^.[\]]+)|\["([^"\]]+)"\])/;

/** One upstream output an attribute's expression reads. */
export interface UpstreamUse {
  /** The remote-state data source's name. */
  readonly dataSource: string;
  /** The upstream stack, from cdktf's data source name; undefined for any other remote state. */
  readonly stack: string | undefined;
  readonly output: string;
}

/** An attribute whose configuration reads upstream outputs: the hash of that expression and what it reads. */
export interface UpstreamAttribute {
  readonly expression: string;
  readonly uses: readonly UpstreamUse[];
}

/** Per planned item (resource address, or `output.<name>`), per top-level attribute: what it reads upstream. */
export type UpstreamReads = ReadonlyMap<string, ReadonlyMap<string, UpstreamAttribute>>;

/** Names of the outputs a plan changes or leaves unknown: what a downstream stack reads differently once it is applied. */
export function changingOutputs(plan: Json): string[] {
  const names: string[] = [];
  for (const [name, c] of Object.entries(isObject(plan.output_changes) ? plan.output_changes : {})) {
    if (!isObject(c)) continue;
    const actions = Array.isArray(c.actions) ? c.actions : [];
    const unchanged = actions.length === 1 && actions[0] === 'no-op' && !hasUnknown(c.after_unknown);
    if (!unchanged) names.push(name);
  }
  return names.sort();
}

function hasUnknown(unknown: unknown): boolean {
  if (unknown === true) return true;
  if (Array.isArray(unknown)) return unknown.some(hasUnknown);
  return isObject(unknown) && Object.values(unknown).some(hasUnknown);
}

/** Every reference string anywhere in one attribute's expression (nested blocks hold expressions of their own). */
function referencesIn(expression: unknown, into: string[] = []): string[] {
  if (Array.isArray(expression)) for (const e of expression) referencesIn(e, into);
  else if (isObject(expression)) {
    if (Array.isArray(expression.references)) into.push(...expression.references.filter((r: unknown): r is string => typeof r === 'string'));
    for (const [key, value] of Object.entries(expression)) if (key !== 'references' && key !== 'constant_value') referencesIn(value, into);
  }
  return into;
}

function usesIn(expression: unknown): UpstreamUse[] {
  const uses = new Map<string, UpstreamUse>();
  for (const reference of referencesIn(expression)) {
    const m = REMOTE_OUTPUT.exec(reference);
    if (!m) continue;
    const output = m[2] ?? m[3];
    uses.set(`${m[1]}\u0000${output}`, { dataSource: m[1], stack: upstreamStackOf(m[1]), output });
  }
  return [...uses.values()];
}

function attributesReading(expressions: unknown): Map<string, UpstreamAttribute> {
  const attributes = new Map<string, UpstreamAttribute>();
  for (const [name, expression] of Object.entries(isObject(expressions) ? expressions : {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const uses = usesIn(expression);
    if (uses.length) attributes.set(name, { expression: valueHash(expression), uses });
  }
  return attributes;
}

/**
 * What each planned item of the root module reads from other stacks' outputs, from the plan's
 * configuration (resources in child modules are left out: they are compared exactly).
 */
export function upstreamReads(plan: Json): UpstreamReads {
  const root = isObject(plan.configuration) && isObject(plan.configuration.root_module) ? plan.configuration.root_module : {};
  const configured = new Map<string, unknown>();
  for (const r of Array.isArray(root.resources) ? root.resources : []) {
    if (isObject(r) && r.mode === 'managed' && typeof r.address === 'string') configured.set(r.address, r.expressions);
  }
  const reads = new Map<string, Map<string, UpstreamAttribute>>();
  for (const rc of Array.isArray(plan.resource_changes) ? plan.resource_changes : []) {
    if (!isObject(rc) || rc.mode !== 'managed' || rc.module_address !== undefined || typeof rc.address !== 'string') continue;
    const attributes = attributesReading(configured.get(`${rc.type}.${rc.name}`));
    if (attributes.size) reads.set(rc.address, attributes);
  }
  for (const [name, output] of Object.entries(isObject(root.outputs) ? root.outputs : {})) {
    const attributes = isObject(output) ? attributesReading({ value: output.expression }) : new Map();
    if (attributes.size) reads.set(`output.${name}`, attributes);
  }
  return reads;
}

/**
 * The top-level attributes a resource's configuration sets (`expressions`), by resource address;
 * the others are computed by the provider, and turn unknown when an update recomputes them.
 */
export function configuredAttributes(plan: Json, address: string): ReadonlySet<string> {
  const rc = (Array.isArray(plan.resource_changes) ? plan.resource_changes : []).find((r: unknown) => isObject(r) && r.address === address);
  const resources = membersOf(membersOf(plan.configuration).root_module).resources;
  const configured = isObject(rc) && Array.isArray(resources) ? resources.find((r: unknown) => isObject(r) && r.address === `${rc.type}.${rc.name}` && r.mode === 'managed') : undefined;
  return new Set(Object.keys(isObject(configured?.expressions) ? configured.expressions : {}));
}

/** The hash of each remote-state data source's configuration (backend, config, workspace): where it reads from. */
export function remoteStateSources(plan: Json): Map<string, string> {
  const root = isObject(plan.configuration) && isObject(plan.configuration.root_module) ? plan.configuration.root_module : {};
  const sources = new Map<string, string>();
  for (const r of Array.isArray(root.resources) ? root.resources : []) {
    if (isObject(r) && r.mode === 'data' && r.type === 'terraform_remote_state' && typeof r.name === 'string') sources.set(r.name, valueHash(r.expressions ?? null));
  }
  return sources;
}

/**
 * The digest of the outputs a remote-state source read at plan time (the plan's `prior_state`)
 * that its upstream stack's reviewed plan does not change (`changing`): these must read the same at
 * review and at deploy; a difference is a change made outside the reviewed plans.
 */
export function steadyOutputsDigest(plan: Json, dataSource: string, changing: readonly string[]): string {
  const resources = membersOf(membersOf(membersOf(plan.prior_state).values).root_module).resources;
  const read = (Array.isArray(resources) ? resources : []).find((r: unknown) => isObject(r) && r.mode === 'data' && r.type === 'terraform_remote_state' && r.name === dataSource);
  const outputs = isObject(read?.values?.outputs) ? (read.values.outputs as Record<string, unknown>) : {};
  return valueHash(Object.fromEntries(Object.entries(outputs).filter(([name]) => !changing.includes(name))));
}

/** cdktf's upstream stack of a remote-state data source, by its name; undefined for any other. */
export const upstreamStackOf = (dataSource: string) => (dataSource.startsWith(CROSS_STACK_INPUT) ? dataSource.slice(CROSS_STACK_INPUT.length) : undefined);

/** The top-level attributes whose value forces the replacement now (`replace_paths`), for the resource at `address`. */
export function replacementCauses(plan: Json, address: string): string[] | undefined {
  const rc = (Array.isArray(plan.resource_changes) ? plan.resource_changes : []).find((r: unknown) => isObject(r) && r.address === address);
  const paths = isObject(rc) ? membersOf(rc.change).replace_paths : undefined;
  if (!Array.isArray(paths)) return undefined;
  return paths.map((p: unknown) => (Array.isArray(p) && typeof p[0] === 'string' ? p[0] : ''));
}
