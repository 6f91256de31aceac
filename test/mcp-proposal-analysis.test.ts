import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Proposals, ProposedChange } from '../scripts/mcp/proposals';
import { cleanClone, repo } from './helpers/project';
import { cleanUp } from './helpers/synth';

/**
 * A dry run's guardrail result on the example organisation: a change that drops the suppression
 * of the deploy roles' AdministratorAccess shows the two errors npm run review would exit 1 on, as
 * new findings; the change that puts it back shows them fixed. Proposals are made on a clean
 * clone, so the changes go through the same temporary worktree, synth and PR report as the tools.
 */
afterAll(cleanUp);
const FILE = 'constructs/pipeline-role.ts';
const SUPPRESSION = "      suppress(admin, 'aws/iam-no-admin-wildcard',";

/** A change of one file, as an action tool's plan is: checked, then written into the worktree. */
const editing = (title: string, edit: (text: string) => string): ProposedChange => ({
  branch: `test/${title}`,
  title,
  plan: (worktree) => ({ summary: title, write: () => fs.writeFileSync(path.join(worktree, FILE), edit(fs.readFileSync(path.join(worktree, FILE), 'utf8'))) }),
});
const dropSuppression = (text: string) => text.split('\n').map((l) => (l.startsWith(SUPPRESSION) ? `      // ${l.trim()}` : l)).join('\n');

const errorOf = (env: string, address: string) => ({
  rule: 'aws/iam-no-admin-wildcard',
  severity: 'error',
  stack: 'bootstrap',
  address: `aws_iam_role_policy_attachment.pipeline-${env}_deploy_administrator-access_${address}`,
  service: 'pipeline',
  message: 'attaches AdministratorAccess (every action on every resource)',
});
const ERRORS = [errorOf('production', 'E6482A94'), errorOf('staging', '05C81D5F')];
const UNCHANGED_COST = { currency: 'USD', period: 'month', total: { beforeUsd: 2632.81, afterUsd: 2632.81, differenceUsd: 0 }, byService: [] };

let clone: string;
beforeAll(() => {
  clone = cleanClone();
});

test('a change that loses a suppression: the guardrails fail with both errors, new findings, no cost', () => {
  const dryRun = new Proposals(clone).dryRun('test', editing('drop-suppression', dropSuppression));
  expect(dryRun.files).toEqual([FILE]);
  expect(dryRun.analysis).toEqual({ cost: UNCHANGED_COST, guardrails: { passed: false, errors: ERRORS, newFindings: ERRORS, fixedFindings: [] }, resources: { added: 0, changed: 0, removed: 0 }, danger: [] });
});

test('the change that restores it: the same two findings fixed, the guardrails pass', () => {
  const git = (...args: string[]) => spawnSync('git', ['-C', clone, ...args], { encoding: 'utf8' });
  fs.writeFileSync(path.join(clone, FILE), dropSuppression(fs.readFileSync(path.join(clone, FILE), 'utf8')));
  expect(git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-am', 'Drop the suppression').status).toBe(0);
  const restore = (text: string) => text.replace(`      // ${SUPPRESSION.trim()}`, SUPPRESSION);
  const dryRun = new Proposals(clone).dryRun('test', editing('restore-suppression', restore));
  expect(dryRun.analysis).toEqual({ cost: UNCHANGED_COST, guardrails: { passed: true, errors: [], newFindings: [], fixedFindings: ERRORS }, resources: { added: 0, changed: 0, removed: 0 }, danger: [] });
});

test('a server killed during a dry run leaves a worktree that the next dry run removes, with its entry', async () => {
  const worktrees = () => spawnSync('git', ['-C', clone, 'worktree', 'list', '--porcelain'], { encoding: 'utf8' }).stdout.split('\n').filter((l) => l.startsWith('worktree ') && l.includes('groundwork-proposal-'));
  const script = `const { Proposals } = require(${JSON.stringify(path.join(repo, 'dist/scripts/mcp/proposals.js'))});
    new Proposals(${JSON.stringify(clone)}).dryRun('test', { branch: 'test/killed', title: 'killed', plan: () => ({ summary: 'killed', write: () => undefined }) });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  // Killed while it synthesizes the base: its worktree is registered by then.
  for (let i = 0; i < 600 && !worktrees().length; i++) await new Promise((r) => setTimeout(r, 100));
  expect(worktrees()).toHaveLength(1);
  const [dead] = worktrees().map((l) => path.dirname(l.slice('worktree '.length)));
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  expect(fs.existsSync(dead)).toBe(true);
  new Proposals(clone, { analyse: false }).dryRun('test', editing('after-a-kill', (text) => `${text}// after a kill\n`));
  expect(fs.existsSync(dead)).toBe(false);
  expect(worktrees()).toEqual([]);
});
