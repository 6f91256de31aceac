import { deflateRawSync, inflateRawSync } from 'zlib';
import { GroundworkError } from '../../model/errors';
import { isJson as isObject, Json } from '../../model/json-object';
import { stableJson } from '../../model/stable-json';
import type { PlanStatus } from './plan-file';
import { masked, pruned, Unknown, unionOf, valueHash } from './planned-values';
import { changingOutputs, configuredAttributes, remoteStateSources, steadyOutputsDigest, upstreamReads, upstreamStackOf } from './upstream-outputs';

/**
 * The reviewed plan, value for value: per stack a sha-256 digest over every planned value (every
 * resource's `change.after` and `after_unknown`, every output), and per resource its action and
 * a short hash per top-level attribute, so that a deploy can name the resource and attribute
 * that differ without the comment holding any value. The PR comment records it; each deploy
 * job plans again and stops on any difference (plan-record-check.ts).
 */
export interface PlanRecord {
  readonly version: 1;
  readonly stacks: Readonly<Record<string, StackRecord>>;
}

export type StackRecord = PlannedStackRecord | { readonly status: 'failed' | 'not-planned' };

export interface PlannedStackRecord {
  readonly status: 'planned';
  readonly digest: string;
  readonly resources: Readonly<Record<string, ResourceFingerprint>>;
  /** Names of the stack's outputs the reviewed plan changes or leaves unknown: what a downstream stack may read anew once this one is applied. */
  readonly changingOutputs?: readonly string[];
  /** Present when the stack reads other stacks' outputs (upstream-outputs.ts). */
  readonly upstream?: UpstreamRecord;
}

/**
 * What a downstream stack's reviewed plan read from other stacks: the attributes whose expression
 * reads an upstream output (a short hash of the expression), the remote-state sources (a short
 * hash of each one's configuration), and the stack digest without those attributes (nor those
 * resources' actions): what must still match in full when an upstream output changed them.
 */
export interface UpstreamRecord {
  readonly attributes: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly remoteStates: Readonly<Record<string, string>>;
  /** Per remote-state source, the digest of the outputs it read that its upstream stack's reviewed plan does not change (steadyOutputsDigest). */
  readonly steadyOutputs: Readonly<Record<string, string>>;
  readonly digest: string;
}

export interface ResourceFingerprint {
  /** Terraform's actions joined by "+" (no-op, create, update, delete+create, ...). */
  readonly action: string;
  /** A short hash of the attribute's value; "?" when the whole value was unknown; [hash, unknown parts] when some were. */
  readonly attributes: Readonly<Record<string, AttributeFingerprint>>;
}

export type AttributeFingerprint = string | readonly [string, Unknown];

/** Hex digits kept per attribute: enough to name the one that differs; the stack digest is the full hash. Fewer for sensitive values: a short hash of a weak secret should not be a way to guess it. */
const SHORT = 8;
const SHORT_SENSITIVE = 4;

/** One planned thing: a resource change, or an output (as a resource with the one attribute "value"). */
interface PlannedItem {
  readonly address: string;
  readonly action: string;
  readonly after: Record<string, unknown>;
  readonly unknown: Record<string, unknown>;
  readonly sensitive: Record<string, unknown>;
}

function plannedItems(plan: Json): PlannedItem[] {
  const items: PlannedItem[] = [];
  for (const rc of Array.isArray(plan.resource_changes) ? plan.resource_changes : []) {
    if (!isObject(rc) || typeof rc.address !== 'string' || !isObject(rc.change)) continue;
    const c = rc.change;
    items.push({ address: rc.address, action: actionText(c.actions), after: isObject(c.after) ? c.after : {}, unknown: isObject(c.after_unknown) ? c.after_unknown : {}, sensitive: isObject(c.after_sensitive) ? c.after_sensitive : {} });
  }
  for (const [name, c] of Object.entries(isObject(plan.output_changes) ? plan.output_changes : {})) {
    if (!isObject(c)) continue;
    items.push({ address: `output.${name}`, action: actionText(c.actions), after: { value: c.after }, unknown: { value: c.after_unknown }, sensitive: { value: c.after_sensitive } });
  }
  return items;
}

const actionText = (actions: unknown) => (Array.isArray(actions) ? actions.map(String).join('+') : '');

/** One attribute as planned now, masked where it (or, at deploy, the reviewed plan) was unknown. */
export interface PlannedAttribute {
  readonly full: string;
  readonly value: unknown;
  readonly unknown?: Unknown;
  readonly sensitive: boolean;
}

/** The reviewed plan's unknown parts of an attribute, from its fingerprint. */
export function reviewedUnknown(fingerprint: AttributeFingerprint | undefined): Unknown | undefined {
  if (fingerprint === '?') return true;
  return Array.isArray(fingerprint) ? fingerprint[1] : undefined;
}

/**
 * Every non-null top-level attribute of an item with the hash of its masked value. Given the
 * reviewed fingerprints (at deploy), what the review left unknown is masked too.
 */
function attributesOf(item: PlannedItem, reviewed?: Readonly<Record<string, AttributeFingerprint>>): Map<string, PlannedAttribute> {
  const names = new Set([...Object.keys(item.after), ...Object.keys(item.unknown), ...Object.keys(reviewed ?? {})]);
  const attributes = new Map<string, PlannedAttribute>();
  for (const name of [...names].sort()) {
    const unknown = pruned(item.unknown[name]);
    const mask = reviewed ? unionOf(reviewedUnknown(reviewed[name]), unknown) : unknown;
    const value = masked(item.after[name], mask);
    if (value === null) continue;
    attributes.set(name, { full: valueHash(value), value: item.after[name], ...(unknown ? { unknown } : {}), sensitive: pruned(item.sensitive[name]) !== undefined });
  }
  return attributes;
}

/** A stack's plan as planned now: per resource its action and attributes, and the stack digest. */
export interface StackFingerprint {
  readonly digest: string;
  readonly resources: ReadonlyMap<string, { readonly action: string; readonly attributes: ReadonlyMap<string, PlannedAttribute> }>;
}

/**
 * Fingerprints one stack's plan (`terraform show -json`). With the reviewed record of the stack,
 * values the review left unknown are masked, so the digest equals the reviewed one exactly when
 * every other value is the same.
 */
export function fingerprintPlan(plan: Json, reviewed?: PlannedStackRecord): StackFingerprint {
  const resources = new Map<string, { action: string; attributes: Map<string, PlannedAttribute> }>();
  for (const item of plannedItems(plan)) resources.set(item.address, { action: item.action, attributes: attributesOf(item, reviewed?.resources[item.address]?.attributes) });
  return { digest: digestOf(resources), resources };
}

/**
 * The digest over every item's action and attribute hashes; `beside` leaves out the attributes it
 * names, and the action of each resource it names (an upstream value may turn a no-op into an update).
 */
export function digestOf(resources: StackFingerprint['resources'], beside: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {}): string {
  const hashed: Record<string, unknown> = {};
  for (const [address, r] of resources) {
    const left = beside[address] ?? {};
    const attributes = Object.fromEntries([...r.attributes].filter(([name]) => !(name in left)).map(([name, a]) => [name, a.full]));
    hashed[address] = beside[address] ? { attributes } : { action: r.action, attributes };
  }
  return valueHash(hashed);
}

/** What the plan reads from other stacks, for the record; undefined when it reads nothing. */
function upstreamRecord(plan: Json, fingerprint: StackFingerprint, changingOf: (stack: string | undefined) => readonly string[]): UpstreamRecord | undefined {
  const reads = upstreamReads(plan);
  if (!reads.size) return undefined;
  const attributes: Record<string, Record<string, string>> = {};
  for (const [address, byName] of reads) attributes[address] = Object.fromEntries([...byName].map(([name, a]) => [name, a.expression.slice(0, SHORT)]));
  const sources = [...remoteStateSources(plan)];
  const remoteStates = Object.fromEntries(sources.map(([name, hash]) => [name, hash.slice(0, SHORT)]));
  const steadyOutputs = Object.fromEntries(sources.map(([name]) => [name, steadyOutputsDigest(plan, name, changingOf(upstreamStackOf(name)))]));
  return { attributes, remoteStates, steadyOutputs, digest: digestOf(fingerprint.resources, besideUpstream(plan, fingerprint, attributes)) };
}

/**
 * What the upstream digest leaves out, per resource that reads upstream outputs: those attributes,
 * and the ones its configuration does not set (computed by the provider, unknown once an upstream
 * value turns the resource into an update). They are still compared one by one.
 */
export function besideUpstream(plan: Json, fingerprint: StackFingerprint, attributes: UpstreamRecord['attributes']): Record<string, Record<string, true>> {
  const beside: Record<string, Record<string, true>> = {};
  for (const address of Object.keys(attributes)) {
    const configured = configuredAttributes(plan, address);
    const computed = [...(fingerprint.resources.get(address)?.attributes.keys() ?? [])].filter((name) => !configured.has(name));
    beside[address] = Object.fromEntries([...Object.keys(attributes[address]), ...computed].map((name) => [name, true as const]));
  }
  return beside;
}

/** The record of a stack's plan for the PR comment: hashes and unknown parts only, never a value. */
export function stackRecord(fingerprint: StackFingerprint, plan: Json, changingOf: (stack: string | undefined) => readonly string[] = () => []): PlannedStackRecord {
  const resources: Record<string, ResourceFingerprint> = {};
  for (const [address, r] of fingerprint.resources) {
    const attributes: Record<string, AttributeFingerprint> = {};
    for (const [name, a] of r.attributes) {
      const short = a.full.slice(0, a.sensitive ? SHORT_SENSITIVE : SHORT);
      attributes[name] = a.unknown === true ? '?' : a.unknown ? [short, a.unknown] : short;
    }
    resources[address] = { action: r.action, attributes };
  }
  const upstream = upstreamRecord(plan, fingerprint, changingOf);
  return { status: 'planned', digest: fingerprint.digest, resources, changingOutputs: changingOutputs(plan), ...(upstream ? { upstream } : {}) };
}

/** The record of every stack the PR report looked at: planned ones fingerprinted, the others by status. */
export function planRecord(statuses: ReadonlyArray<{ stack: string; status: PlanStatus['status'] }>, planOf: (stack: string) => Json): PlanRecord {
  const stacks: Record<string, StackRecord> = {};
  const plans = new Map(statuses.filter((s) => s.status === 'planned').map((s) => [s.stack, planOf(s.stack)]));
  // What each upstream stack's plan changes, for the outputs its downstream stacks read.
  const changingOf = (stack: string | undefined) => {
    const plan = stack === undefined ? undefined : plans.get(stack);
    return plan ? changingOutputs(plan) : [];
  };
  for (const { stack, status } of [...statuses].sort((a, b) => (a.stack < b.stack ? -1 : 1))) {
    const plan = plans.get(stack);
    stacks[stack] = plan ? stackRecord(fingerprintPlan(plan), plan, changingOf) : { status: status as 'failed' | 'not-planned' };
  }
  return { version: 1, stacks };
}

/** Per stack its digest (or status): the short form pr-report.json shows. */
export function planDigests(record: PlanRecord): Record<string, string> {
  return Object.fromEntries(Object.entries(record.stacks).map(([stack, s]) => [stack, s.status === 'planned' ? s.digest : s.status]));
}

/** The record as the comment holds it: deflated canonical JSON in base64 (no `-->`, no markup). */
export function encodePlanRecord(record: PlanRecord): string {
  return deflateRawSync(Buffer.from(stableJson(record))).toString('base64');
}

/** Larger than any comment can hold once inflated: a record that inflates further is refused, not read. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** The reviewed record from the comment's text, or one sentence saying why there is none. */
export function decodePlanRecord(text: string): PlanRecord {
  const refuse = (why: string) =>
    new GroundworkError(`No plan record was recorded on the merged pull request (${why}): nothing is deployed; re-run the pull request's checks.`);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) throw refuse(text ? `${JSON.stringify(text.slice(0, 40))} is not a Groundwork plan record` : 'none found');
  let parsed: unknown;
  try {
    parsed = JSON.parse(inflateRawSync(Buffer.from(text, 'base64'), { maxOutputLength: MAX_RECORD_BYTES }).toString('utf8'));
  } catch {
    throw refuse('the record does not decode');
  }
  const problem = recordProblem(parsed);
  if (problem) throw refuse(problem);
  return parsed as PlanRecord;
}

function recordProblem(record: unknown): string | undefined {
  if (!isObject(record) || record.version !== 1 || !isObject(record.stacks)) return 'it is not a version 1 record with "stacks"';
  for (const [stack, s] of Object.entries(record.stacks)) {
    if (isObject(s) && (s.status === 'failed' || s.status === 'not-planned')) continue;
    if (!isObject(s) || s.status !== 'planned' || typeof s.digest !== 'string' || !/^[0-9a-f]{64}$/.test(s.digest) || !isObject(s.resources)) return `stack "${stack}" has no digest and resources`;
    if (s.changingOutputs !== undefined && !(Array.isArray(s.changingOutputs) && s.changingOutputs.every((o: unknown) => typeof o === 'string'))) return `stack "${stack}": "changingOutputs" is not a list of output names`;
    if (s.upstream !== undefined && !upstreamShapeFine(s.upstream)) return `stack "${stack}": "upstream" is not a record of what the stack reads from other stacks`;
    for (const [address, r] of Object.entries(s.resources)) {
      const fine = isObject(r) && typeof r.action === 'string' && isObject(r.attributes) && Object.values(r.attributes).every((a) => typeof a === 'string' || (Array.isArray(a) && a.length === 2 && typeof a[0] === 'string'));
      if (!fine) return `stack "${stack}": resource "${address}" has no action and attribute hashes`;
    }
  }
  return undefined;
}

const isStringMap = (v: unknown) => isObject(v) && Object.values(v).every((x) => typeof x === 'string');

function upstreamShapeFine(u: unknown): boolean {
  return isObject(u) && typeof u.digest === 'string' && /^[0-9a-f]{64}$/.test(u.digest) && isStringMap(u.remoteStates) && isStringMap(u.steadyOutputs) && isObject(u.attributes) && Object.values(u.attributes).every(isStringMap);
}
