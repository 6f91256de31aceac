/**
 * Deploys exactly what was reviewed, stack by stack in dependency order: plan the stack
 * (`npm run plan -- --keep-plan-file`), compare that plan with the reviewed record value for
 * value, apply that very saved plan (`terraform apply groundwork.tfplan`), then the next stack, so
 * a Kubernetes stack is planned only once the AWS stack whose outputs it reads is applied.
 * Terraform itself refuses a saved plan whose state changed since it was made ("Saved plan is
 * stale"). Any difference or failure stops the deploy in one sentence; later stacks are not
 * touched. Independent of the state backend (tested offline with local state): the workflow
 * refuses local state before this runs (npm run check-remote-state).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { PlanRecord } from '../catalog/pr-report/plan-digest';
import { readPlanDocument, readPlanStatus, SAVED_PLAN_FILE } from '../catalog/pr-report/plan-file';
import { differencesRefusal, planDifferences, unreviewedStacks } from '../catalog/pr-report/plan-record-check';
import { stacksInDependencyOrder } from '../catalog/pr-report/output-folder';
import { manifestPath, readManifest, readTerraformOutput, TerraformConfiguration } from '../catalog/terraform/terraform-output';
import { analysisRoot } from '../model/analysis-root';
import { GroundworkError } from '../model/errors';
import { automationEnv, terraform } from './terraform-cli';

export interface ReviewedDeploy {
  /** The synthesized output (cdktf.out). */
  readonly dir: string;
  /** The plan record from the merged pull request's comment. */
  readonly reviewed: PlanRecord;
  /** The compiled plan command (dist/scripts/plan.js). */
  readonly planScript: string;
  /** The stacks applied so far, in order (for the sentence that stops the deploy). */
  readonly applied: string[];
  readonly configurations: readonly TerraformConfiguration[];
  readonly workingDirectories: ReadonlyMap<string, string>;
}

/** What a stop leaves behind, as the end of its sentence. */
const outcome = (deploy: ReviewedDeploy) => (deploy.applied.length ? `nothing more is applied (applied before: ${deploy.applied.join(', ')})` : 'nothing is deployed');
/** After a stack was applied, "Nothing was written" would be false: the sentence says what was. */
const applied = (deploy: ReviewedDeploy) => ({ outputWritten: deploy.applied.length > 0 });

/**
 * Reads the output and checks the request before anything is planned: known stacks, each with a
 * reviewed plan. Returns the deploy and its stacks in dependency order.
 */
export function prepareReviewedDeploy(dir: string, reviewed: PlanRecord, requested: readonly string[], planScript: string): { deploy: ReviewedDeploy; order: string[] } {
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) throw new GroundworkError(`${dir} is not a synthesized output: it has no manifest.json; run npm run synth first.`);
  const all = stacksInDependencyOrder(dir);
  const unknown = requested.find((s) => !all.includes(s));
  if (unknown !== undefined) throw new GroundworkError(`Stack "${unknown}" is not in ${dir}: the stacks are ${all.join(', ')}; nothing is deployed.`);
  const problems = unreviewedStacks(reviewed, requested, all);
  if (problems.length) throw differencesRefusal(problems);
  const root = analysisRoot(dir);
  const { stacks } = readManifest(dir, root);
  const workingDirectories = new Map(all.map((s) => [s, manifestPath(dir, stacks[s].workingDirectory ?? path.dirname(stacks[s].synthesizedStackPath), root)]));
  return { deploy: { dir, reviewed, planScript, applied: [], configurations: readTerraformOutput(dir), workingDirectories }, order: all.filter((s) => requested.includes(s)) };
}

/**
 * Plans one stack and compares its plan with the reviewed one; on any difference (or a failed
 * plan) refuses, removing the saved plan. Returns the saved plan's path, ready to apply.
 */
export function planAndCompare(deploy: ReviewedDeploy, stack: string): string {
  const saved = path.join(deploy.workingDirectories.get(stack)!, SAVED_PLAN_FILE);
  const run = spawnSync(process.execPath, [deploy.planScript, '--keep-plan-file', '--dir', deploy.dir, stack], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  // plan.js prints "<stack>: failed (...)" once its status is written; anything else stopped it before.
  const failedPlan = run.status === 1 && (run.stdout ?? '').split('\n').some((l) => l.startsWith(`${stack}: failed (`));
  if (run.status !== 0 && !failedPlan) {
    fs.rmSync(saved, { force: true });
    const why = run.error?.message ?? ((run.stderr ?? '').split('\n').find((l) => l.trim()) || `npm run plan exited with ${run.status ?? run.signal}`);
    throw new GroundworkError(`${stack}: the stack could not be planned (${why.trim()}): ${outcome(deploy)}.`, [], applied(deploy));
  }
  const plansDir = path.join(deploy.dir, 'plans');
  const planOf = (name: string) => readPlanDocument(plansDir, deploy.configurations.find((c) => c.stack === name)!);
  const status = readPlanStatus(plansDir)[stack];
  if (!status) throw new GroundworkError(`${stack}: npm run plan wrote no status for the stack in ${plansDir}: ${outcome(deploy)}.`, [], applied(deploy));
  // The stacks applied before in this run: only their changed outputs may differ from what this stack's reviewed plan read.
  const differences = planDifferences(deploy.reviewed, { [stack]: status }, deploy.configurations.map((c) => c.stack), planOf, deploy.applied);
  if (differences.length) {
    fs.rmSync(saved, { force: true });
    throw differencesRefusal(differences, outcome(deploy), applied(deploy));
  }
  if (!fs.existsSync(saved)) throw new GroundworkError(`${stack}: npm run plan left no saved plan (${saved}) to apply: ${outcome(deploy)}.`, [], applied(deploy));
  return saved;
}

/**
 * Applies a stack's saved plan, the one compared; terraform refuses it when the state changed
 * since. The saved plan (it holds sensitive values in cleartext) is removed either way. Returns
 * terraform's summary line.
 */
export function applySavedPlan(deploy: ReviewedDeploy, stack: string, saved: string): string {
  try {
    const apply = terraform(path.dirname(saved), ['apply', '-input=false', '-no-color', '-lock-timeout=5m', path.basename(saved)], automationEnv());
    if (!apply.ok) {
      // Terraform refuses a stale plan before changing anything; any other failure may have applied part of it.
      const stale = /Saved plan is stale/.test(apply.error);
      const why = stale ? 'terraform refused the compared plan as stale ("Saved plan is stale": the state changed after the plan was made)' : `terraform apply of the compared plan failed, maybe part way (${apply.error})`;
      throw new GroundworkError(`${stack}: ${why}: ${outcome(deploy)}; run the deploy again to plan, compare and apply afresh.`, [], { outputWritten: !stale || deploy.applied.length > 0 });
    }
    deploy.applied.push(stack);
    return apply.stdout.split('\n').find((l) => l.startsWith('Apply complete!'))?.trim() ?? 'Apply complete!';
  } finally {
    fs.rmSync(saved, { force: true });
  }
}
