/**
 * `npm run deploy-reviewed -- --expect <record> <stack>...`: the deploy job. Per stack, in
 * dependency order: plan, compare with the plan record reviewed on the merged pull request (value
 * for value, naming stack, resource and attribute), apply that very saved plan, then the next
 * stack (saved-plan-deploy.ts). Any difference stops everything in one sentence. It does not look
 * at the state backend: the workflow runs npm run check-remote-state first.
 */
import * as path from 'path';
import { Command } from 'commander';
import { decodePlanRecord } from '../catalog/pr-report/plan-digest';
import { runCommand } from '../model/run-command';
import { printLine, TERMINAL_OUTPUT } from '../model/terminal-text';
import { applySavedPlan, planAndCompare, prepareReviewedDeploy } from './saved-plan-deploy';

runCommand(() => {
  const program = new Command('deploy-reviewed').configureOutput(TERMINAL_OUTPUT)
    .description('plan, compare with the reviewed plan record, and apply that saved plan, stack by stack in dependency order')
    .argument('<stacks...>', 'the stacks to deploy')
    .requiredOption('--expect <record>', 'the plan record from the merged pull request')
    .option('--dir <dir>', 'synthesized output', 'cdktf.out')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 1))
    .parse();
  const { dir, expect } = program.opts<{ dir: string; expect: string }>();
  // The record is checked before anything is read: no record, no deploy.
  const reviewed = decodePlanRecord(expect.trim());
  const { deploy, order } = prepareReviewedDeploy(dir, reviewed, program.args, path.join(__dirname, 'plan.js'));
  for (const stack of order) {
    const saved = planAndCompare(deploy, stack);
    printLine(`${stack}: the plan matches the reviewed plan; applying it...`);
    printLine(`${stack}: ${applySavedPlan(deploy, stack, saved)}`);
  }
  printLine(`Deployed as reviewed: ${order.join(', ')}.`);
});
