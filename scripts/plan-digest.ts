/**
 * `npm run plan-digest -- [--head <dir>] [--plans <dir>] [--expect <record>]`: prints the digest of
 * each planned stack's values (JSON, stack to digest). With --expect (the plan record from the
 * merged pull request's comment), exits 1 when any stack planned now differs from the reviewed
 * plan in any value, naming the stack, resource and attribute: the deploy job's "what was
 * reviewed is what is applied". Values the review left unknown may be known now.
 */
import * as path from 'path';
import { Command } from 'commander';
import { decodePlanRecord, planDigests, planRecord } from '../catalog/pr-report/plan-digest';
import { readPlanDocument, readPlanStatus } from '../catalog/pr-report/plan-file';
import { differencesRefusal, planDifferences } from '../catalog/pr-report/plan-record-check';
import { readTerraformOutput } from '../catalog/terraform/terraform-output';
import { GroundworkError } from '../model/errors';
import { runCommand } from '../model/run-command';
import { stableJson } from '../model/stable-json';
import { TERMINAL_OUTPUT, writeJsonOut } from '../model/terminal-text';

runCommand(() => {
  const options = new Command('plan-digest').configureOutput(TERMINAL_OUTPUT)
    .option('--head <dir>', 'synthesized output that was planned', 'cdktf.out')
    .option('--plans <dir>', 'plans written by npm run plan (default: <head>/plans)')
    .option('--expect <record>', 'the plan record from the merged pull request')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 1))
    .parse()
    .opts<{ head: string; plans?: string; expect?: string }>();
  const plansDir = options.plans ?? path.join(options.head, 'plans');
  // The record is checked before anything is read: no record, no deploy.
  const reviewed = options.expect === undefined ? undefined : decodePlanRecord(options.expect.trim());
  const statuses = readPlanStatus(plansDir);
  const configurations = readTerraformOutput(options.head);
  const planOf = (stack: string) => {
    const configuration = configurations.find((c) => c.stack === stack);
    if (!configuration) throw new GroundworkError(`${plansDir} has a plan of stack "${stack}", which ${options.head} does not have; re-run npm run plan.`);
    return readPlanDocument(plansDir, configuration);
  };
  if (reviewed) {
    const differences = planDifferences(reviewed, statuses, configurations.map((c) => c.stack), planOf);
    if (differences.length) throw differencesRefusal(differences);
  }
  const now = planRecord(Object.entries(statuses).map(([stack, s]) => ({ stack, status: s.status })), planOf);
  writeJsonOut(stableJson(planDigests(now)));
});
