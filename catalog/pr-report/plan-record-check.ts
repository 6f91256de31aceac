import { GroundworkError } from '../../model/errors';
import { compareText } from '../../model/stable-json';
import { fingerprintPlan, PlanRecord, PlannedAttribute, StackRecord } from './plan-digest';
import type { PlanStatus } from './plan-file';

/** A value for a sentence: quoted, short (sensitive ones are never shown: see the caller). */
function shown(attribute: PlannedAttribute | undefined): string {
  if (!attribute) return 'unset';
  if (attribute.unknown === true) return 'known only after apply';
  const text = typeof attribute.value === 'string' ? JSON.stringify(attribute.value) : JSON.stringify(attribute.value ?? null);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const planned = (s: StackRecord | undefined): s is Extract<StackRecord, { status: 'planned' }> => s?.status === 'planned';

/** What differs in one stack planned both at review and now: resources, actions, attributes; the digest catches the rest. */
function stackDifferences(stack: string, reviewed: Extract<StackRecord, { status: 'planned' }>, plan: Record<string, any>): string[] {
  const now = fingerprintPlan(plan, reviewed);
  if (now.digest === reviewed.digest) return [];
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
    if (before.action !== after.action) differences.push(`${stack}: ${address} is planned as ${after.action} now, reviewed as ${before.action}`);
    const names = [...new Set([...Object.keys(before.attributes), ...after.attributes.keys()])].sort(compareText);
    for (const name of names) {
      const recorded = before.attributes[name];
      const attribute = after.attributes.get(name);
      // Unknown at review: whatever it is now matches (its masked hash is the reviewed one).
      if (recorded === '?') continue;
      const hash = recorded === undefined ? undefined : typeof recorded === 'string' ? recorded : recorded[0];
      if (hash === undefined ? !attribute : attribute?.full.startsWith(hash)) continue;
      const detail = attribute?.sensitive ? 'sensitive' : `${recorded === undefined ? 'unset when reviewed, ' : ''}now ${shown(attribute)}`;
      differences.push(`${stack}: ${address}: ${name} differs from the reviewed plan (${detail})`);
    }
  }
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
 * the merged output; `planOf` reads one stack's plan.
 */
export function planDifferences(reviewed: PlanRecord, statuses: Readonly<Record<string, PlanStatus>>, stacks: readonly string[], planOf: (stack: string) => Record<string, any>): string[] {
  const differences: string[] = [];
  differences.push(...strangerStacks(reviewed, stacks));
  for (const [stack, status] of Object.entries(statuses).sort(([a], [b]) => compareText(a, b))) {
    const record = reviewed.stacks[stack];
    if (!record) differences.push(`${stack}: no reviewed plan of this stack was recorded`);
    else if (status.status !== 'planned') differences.push(`${stack}: ${status.status === 'failed' ? 'the plan failed' : 'not planned'} now (${status.reason})${planned(record) ? ', but it was planned for the review' : ''}`);
    else if (!planned(record)) differences.push(`${stack}: planned now, but it was ${record.status === 'failed' ? 'a failed plan' : 'not planned'} for the review`);
    else differences.push(...stackDifferences(stack, record, planOf(stack)));
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
