import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError } from '../../model/errors';
import { isJson as isObject, Json, membersOf } from '../../model/json-object';
import { readJsonFile } from '../../model/read-json';
import type { TerraformConfiguration } from '../terraform/terraform-output';

/** What `npm run plan` records per stack in `plans/plan-status.json`. */
export type PlanStatus = { readonly status: 'planned'; readonly against?: 'base-state' | 'empty-state' } | { readonly status: 'failed'; readonly reason: string } | { readonly status: 'not-planned'; readonly reason: string };

export const PLAN_STATUS_FILE = 'plan-status.json';

/** Terraform's saved plan in a stack's working directory: `npm run plan -- --keep-plan-file` leaves it, deploy-reviewed applies it. */
export const SAVED_PLAN_FILE = 'groundwork.tfplan';

export type PlannedAction = 'create' | 'update' | 'replace' | 'delete';

/** One managed resource's planned change, from `terraform show -json`. */
export interface PlannedChange {
  readonly address: string;
  readonly type: string;
  readonly action: PlannedAction;
}

/** Terraform's action list as one word; no-op and read are not changes. */
export function actionOf(actions: readonly string[]): PlannedAction | undefined {
  const set = new Set(actions);
  if (set.has('create') && set.has('delete')) return 'replace';
  if (set.has('create')) return 'create';
  if (set.has('delete')) return 'delete';
  if (set.has('update')) return 'update';
  return undefined;
}

/** plans/plan-status.json: the stacks `npm run plan` looked at and what became of each. */
export function readPlanStatus(plansDir: string): Record<string, PlanStatus> {
  const file = path.join(plansDir, PLAN_STATUS_FILE);
  if (!fs.existsSync(file)) throw new GroundworkError(`The plans folder ${plansDir} has no ${PLAN_STATUS_FILE}: it was not written by npm run plan.`);
  const document = readJsonFile(file, `The plan status ${file}`);
  const stacks = isObject(document) ? document.stacks : undefined;
  if (!isObject(stacks)) throw new GroundworkError(`The plan status ${file} has no "stacks" object; re-run npm run plan.`);
  const statuses: Record<string, PlanStatus> = {};
  for (const [stack, s] of Object.entries(stacks)) {
    const ok = isObject(s) && (s.status === 'planned' || ((s.status === 'failed' || s.status === 'not-planned') && typeof s.reason === 'string'));
    if (!ok) throw new GroundworkError(`The plan status ${file}: stack "${stack}" needs a status of planned, failed or not-planned (the last two with a reason).`);
    statuses[stack] = s as PlanStatus;
  }
  return statuses;
}

/**
 * The managed-resource changes of one stack's plan (`plans/<stack>.json`). The plan must be of
 * this stack: its configuration's resources are the stack's resources, address for address.
 */
export function readPlanFile(plansDir: string, configuration: TerraformConfiguration): PlannedChange[] {
  const plan = readPlanDocument(plansDir, configuration);
  const changes: PlannedChange[] = [];
  for (const rc of (plan.resource_changes ?? []) as unknown[]) {
    if (!isObject(rc) || rc.mode !== 'managed' || typeof rc.address !== 'string' || typeof rc.type !== 'string') continue;
    const actions = membersOf(rc.change).actions;
    const action = actionOf(Array.isArray(actions) ? actions : []);
    if (action) changes.push({ address: rc.address, type: rc.type, action });
  }
  return changes.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/** One stack's whole plan (`plans/<stack>.json`, terraform show -json), checked to be a plan of this stack. */
export function readPlanDocument(plansDir: string, configuration: TerraformConfiguration): Json {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(configuration.stack)) throw new GroundworkError(`"${configuration.stack}" is not a stack name, so it has no plan file; re-run synth.`);
  const shown = path.join(plansDir, `${configuration.stack}.json`);
  if (!fs.existsSync(shown)) throw new GroundworkError(`The plan file ${shown} is missing although ${PLAN_STATUS_FILE} says stack "${configuration.stack}" was planned; re-run npm run plan.`);
  const plan = readJsonFile(shown, `The plan file ${shown}`);
  if (!isObject(plan) || !Array.isArray(plan.resource_changes ?? []) || !isObject(plan.configuration)) {
    throw new GroundworkError(`The plan file ${shown} is not the output of terraform show -json: it needs "configuration" and "resource_changes".`);
  }
  const resources = membersOf(plan.configuration.root_module).resources;
  const planned = new Set<string>(
    (Array.isArray(resources) ? resources : [])
      .filter((r): r is Json & { address: string } => isObject(r) && r.mode === 'managed' && typeof r.address === 'string')
      .map((r) => r.address),
  );
  const expected = new Set<string>(Object.entries(membersOf(configuration.json.resource)).flatMap(([type, byName]) => Object.keys(membersOf(byName)).map((name) => `${type}.${name}`)));
  const stranger = [...planned].find((a) => !expected.has(a)) ?? [...expected].find((a) => !planned.has(a));
  if (stranger !== undefined) {
    throw new GroundworkError(`The plan file ${shown} is not a plan of stack "${configuration.stack}": ${expected.has(stranger) ? `it lacks the stack's resource ${stranger}` : `its resource ${stranger} is not in the stack`}; re-run npm run plan.`);
  }
  return plan;
}
