/**
 * `npm run plan-digest -- [--head <dir>] [--plans <dir>] [--expect <json>]`: prints the fingerprint
 * of each planned stack's actions (JSON, stack to digest). With --expect (the digests recorded on
 * the merged pull request), exits 1 when a stack planned now has no reviewed digest or a different
 * one: the deploy job's "what was reviewed is what is applied".
 */
import * as path from 'path';
import { Command } from 'commander';
import { stackPlans } from '../catalog/pr-report/build-report';
import { readSynthesizedOutput } from '../catalog/pr-report/output-folder';
import { planDigests } from '../catalog/pr-report/plan-digest';
import { readPlanStatus } from '../catalog/pr-report/plan-file';
import { GroundworkError } from '../model/errors';
import { runCommand } from '../model/run-command';
import { stableJson } from '../model/stable-json';
import { TERMINAL_OUTPUT, writeJsonOut } from '../model/terminal-text';

function reviewedDigests(text: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || Object.values(parsed).some((d) => typeof d !== 'string' || !/^[0-9a-f]{64}$/.test(d))) {
    throw new GroundworkError(`No plan digests were recorded on the merged pull request (--expect ${JSON.stringify(text.slice(0, 80))} is not a JSON object of stack digests): nothing is deployed; re-run the pull request's checks.`);
  }
  return parsed as Record<string, string>;
}

runCommand(() => {
  const options = new Command('plan-digest').configureOutput(TERMINAL_OUTPUT)
    .option('--head <dir>', 'synthesized output that was planned', 'cdktf.out')
    .option('--plans <dir>', 'plans written by npm run plan (default: <head>/plans)')
    .option('--expect <json>', 'the digests recorded on the merged pull request')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 1))
    .parse()
    .opts<{ head: string; plans?: string; expect?: string }>();
  const plansDir = options.plans ?? path.join(options.head, 'plans');
  const head = readSynthesizedOutput(options.head, 'head');
  const planned = new Set(Object.entries(readPlanStatus(plansDir)).filter(([, s]) => s.status === 'planned').map(([stack]) => stack));
  const digests = Object.fromEntries(Object.entries(planDigests(stackPlans(plansDir, head, head, []))).filter(([stack]) => planned.has(stack)));
  if (options.expect !== undefined) {
    const reviewed = reviewedDigests(options.expect);
    const differing = Object.keys(digests).filter((stack) => reviewed[stack] !== digests[stack]);
    if (differing.length) {
      throw new GroundworkError(`The planned actions of ${differing.join(', ')} differ from the plan reviewed on the pull request: nothing is deployed; re-run the pull request's checks and review again.`);
    }
  }
  writeJsonOut(stableJson(digests));
});
