import { GroundworkError } from '../../model/errors';
import type { Json } from '../../model/json-object';
import { compareText } from '../../model/stable-json';
import { besideUpstream, digestOf, fingerprintPlan, PlannedAttribute, PlannedStackRecord, PlanRecord, StackRecord } from './plan-digest';
import type { PlanStatus } from './plan-file';
import { configuredAttributes, remoteStateSources, replacementCauses, steadyOutputsDigest, upstreamReads } from './upstream-outputs';

/** A value for a sentence: quoted, short (sensitive ones are never shown: see the caller). */
function shown(attribute: PlannedAttribute | undefined): string {
  if (!attribute) return 'unset';
  if (attribute.unknown === true) return 'known only after apply';
  const text = typeof attribute.value === 'string' ? JSON.stringify(attribute.value) : JSON.stringify(attribute.value ?? null);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const planned = (s: StackRecord | undefined): s is PlannedStackRecord => s?.status === 'planned';

/**
 * The attributes of a stack's plan now that may differ from its reviewed plan because an upstream
 * stack applied in this run changed an output they read. Sound because: the expression is the one
 * reviewed (its hash is in the record), the remote-state source reads from where it read at review
 * (likewise) and read the same values as at review for every output its upstream stack's reviewed
 * plan does not change (so no change made outside the reviewed plans hides behind one that is in
 * them), the attribute reads an output that the upstream stack's reviewed plan changes or leaves unknown,
 * and that upstream stack was applied earlier in this run from its compared saved plan, so the new
 * value is the one the reviewed upstream plan produced. Anything else is compared value for value.
 */
function upstreamCaused(reviewed: PlanRecord, record: PlannedStackRecord, plan: Json, applied: readonly string[]): Map<string, Set<string>> {
  const excused = new Map<string, Set<string>>();
  if (!record.upstream || !applied.length) return excused;
  const sources = remoteStateSources(plan);
  const changingOf = (stack: string | undefined) => {
    const upstream = stack === undefined ? undefined : reviewed.stacks[stack];
    return planned(upstream) ? upstream.changingOutputs ?? [] : [];
  };
  const sourceAsReviewed = (name: string, stack: string | undefined) => {
    const { remoteStates, steadyOutputs } = record.upstream!;
    return remoteStates[name] !== undefined && !!sources.get(name)?.startsWith(remoteStates[name]) && steadyOutputs[name] === steadyOutputsDigest(plan, name, changingOf(stack));
  };
  const changedUpstream = (stack: string | undefined, output: string) => stack !== undefined && applied.includes(stack) && changingOf(stack).includes(output);
  for (const [address, attributes] of upstreamReads(plan)) {
    for (const [name, attribute] of attributes) {
      const expression = record.upstream.attributes[address]?.[name];
      if (expression === undefined || !attribute.expression.startsWith(expression)) continue;
      if (!attribute.uses.some((u) => changedUpstream(u.stack, u.output)) || !attribute.uses.every((u) => sourceAsReviewed(u.dataSource, u.stack))) continue;
      excused.set(address, (excused.get(address) ?? new Set()).add(name));
    }
  }
  return excused;
}

const REPLACE = new Set(['delete+create', 'create+delete']);

/** An action that an upstream value explains: a no-op that now updates, or a replacement forced only by such values. */
function actionExplained(reviewedAction: string, action: string, excused: ReadonlySet<string> | undefined, causes: readonly string[] | undefined): boolean {
  if (!excused?.size) return false;
  if (reviewedAction === 'no-op' && action === 'update') return true;
  return (reviewedAction === 'no-op' || reviewedAction === 'update') && REPLACE.has(action) && !!causes?.length && causes.every((c) => excused.has(c));
}

/** What differs in one stack planned both at review and now: resources, actions, attributes; the digest catches the rest. */
function stackDifferences(stack: string, reviewed: Extract<StackRecord, { status: 'planned' }>, plan: Json, excused: ReadonlyMap<string, ReadonlySet<string>> = new Map()): string[] {
  const now = fingerprintPlan(plan, reviewed);
  if (now.digest === reviewed.digest) return [];
  let upstreamChanged = false;
  const differences: string[] = [];
  const addresses = [...new Set([...Object.keys(reviewed.resources), ...now.resources.keys()])].sort(compareText);
  for (const address of addresses) {
    const before = reviewed.resources[address];
    const after = now.resources.get(address);
    if (!before) {
      differences.push(`${stack}: ${address} is in the plan now (${after!.action}) but not in the reviewed plan`);
      continue;
    }
    if (!after) {
      differences.push(`${stack}: ${address} was in the reviewed plan (${before.action}) but is not in the plan now`);
      continue;
    }
    if (before.action !== after.action && actionExplained(before.action, after.action, excused.get(address), replacementCauses(plan, address))) upstreamChanged = true;
    else if (before.action !== after.action) differences.push(`${stack}: ${address} is planned as ${after.action} now, reviewed as ${before.action}`);
    const names = [...new Set([...Object.keys(before.attributes), ...after.attributes.keys()])].sort(compareText);
    // On a resource an upstream value changes, an attribute the provider computes may turn unknown: it holds no value to compare.
    const recomputed = (name: string) => !!excused.get(address)?.size && after.attributes.get(name)?.unknown === true && !configuredAttributes(plan, address).has(name);
    for (const name of names) {
      const recorded = before.attributes[name];
      const attribute = after.attributes.get(name);
      // Unknown at review: whatever it is now matches (its masked hash is the reviewed one).
      if (recorded === '?') continue;
      const hash = recorded === undefined ? undefined : typeof recorded === 'string' ? recorded : recorded[0];
      if (hash === undefined ? !attribute : attribute?.full.startsWith(hash)) continue;
      if (excused.get(address)?.has(name) || recomputed(name)) {
        upstreamChanged = true;
        continue;
      }
      const detail = attribute?.sensitive ? 'sensitive' : `${recorded === undefined ? 'unset when reviewed, ' : ''}now ${shown(attribute)}`;
      differences.push(`${stack}: ${address}: ${name} differs from the reviewed plan (${detail})`);
    }
  }
  // Only upstream values differ: everything else must still match the reviewed digest in full.
  if (!differences.length && upstreamChanged && reviewed.upstream && digestOf(now.resources, besideUpstream(plan, now, reviewed.upstream.attributes)) === reviewed.upstream.digest) return [];
  // Equal short hashes, different digest: a difference the record cannot name (or a record altered after the fact).
  if (!differences.length) differences.push(`${stack}: the planned values differ from the reviewed plan (digest ${now.digest.slice(0, 12)}, reviewed ${reviewed.digest.slice(0, 12)})`);
  return differences;
}

const strangerStacks = (reviewed: PlanRecord, stacks: readonly string[]) =>
  Object.keys(reviewed.stacks).sort(compareText).filter((s) => !stacks.includes(s)).map((s) => `${s}: the reviewed plan has this stack, the merged output does not`);

/**
 * Before anything is planned or applied: the stacks about to be deployed each have a reviewed
 * plan, and the record holds no stack the merged output lacks. One sentence per problem.
 */
export function unreviewedStacks(reviewed: PlanRecord, requested: readonly string[], stacks: readonly string[]): string[] {
  const problems = strangerStacks(reviewed, stacks);
  for (const stack of [...requested].sort(compareText)) {
    const record = reviewed.stacks[stack];
    if (!record) problems.push(`${stack}: no reviewed plan of this stack was recorded`);
    else if (!planned(record)) problems.push(`${stack}: it was ${record.status === 'failed' ? 'a failed plan' : 'not planned'} for the review, so no reviewed plan of it can be applied`);
  }
  return problems;
}

/**
 * Every way the plans made now differ from the reviewed record, one sentence each (empty: the
 * same plan). `statuses` are the stacks planned now (the deploy job's); `stacks` every stack of
 * the merged output; `planOf` reads one stack's plan; `applied` the stacks this deploy applied
 * before, whose changed outputs a stack planned now may read anew (upstreamCaused).
 */
export function planDifferences(reviewed: PlanRecord, statuses: Readonly<Record<string, PlanStatus>>, stacks: readonly string[], planOf: (stack: string) => Json, applied: readonly string[] = []): string[] {
  const differences: string[] = [];
  differences.push(...strangerStacks(reviewed, stacks));
  for (const [stack, status] of Object.entries(statuses).sort(([a], [b]) => compareText(a, b))) {
    const record = reviewed.stacks[stack];
    if (!record) differences.push(`${stack}: no reviewed plan of this stack was recorded`);
    else if (status.status !== 'planned') differences.push(`${stack}: ${status.status === 'failed' ? 'the plan failed' : 'not planned'} now (${status.reason})${planned(record) ? ', but it was planned for the review' : ''}`);
    else if (!planned(record)) differences.push(`${stack}: planned now, but it was ${record.status === 'failed' ? 'a failed plan' : 'not planned'} for the review`);
    else {
      const plan = planOf(stack);
      differences.push(...stackDifferences(stack, record, plan, upstreamCaused(reviewed, record, plan, applied)));
    }
  }
  return differences;
}

/**
 * The refusal of a deploy whose plans differ from the reviewed record: the first difference in one
 * sentence ending with what was (not) applied, then the others as a bounded list.
 */
export function differencesRefusal(differences: readonly string[], outcome = 'nothing is deployed', options: { outputWritten?: boolean } = {}): GroundworkError {
  const more = differences.length > 1 ? ` (and ${differences.length - 1} more difference${differences.length === 2 ? '' : 's'})` : '';
  const listed = differences.slice(1, 21);
  const unlisted = differences.length - 1 - listed.length;
  return new GroundworkError(`${differences[0]}${more}: ${outcome}; re-run the pull request's checks and review again.`, unlisted > 0 ? [...listed, `... and ${unlisted} more`] : listed, options);
}
