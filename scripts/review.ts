/**
 * `npm run review [-- --base <git ref>]`: what a person runs before pushing. Synthesizes the base
 * ref (default: the merge base with main) in a temporary git worktree, synthesizes the working
 * tree into cdktf.out, and prints the PR report. The temporary worktree is removed on success,
 * on failure and on Ctrl-C. Guardrail errors do not stop the synth: the report is written with
 * them first, and review then exits 1 naming each (rule, resource, message). `--plan` adds offline
 * plans: the head is planned against the state the base's plan leaves, so replacements and
 * deletions come from terraform itself.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { Command } from 'commander';
import { guardrailFailure, PR_REPORT_OUTPUT, writePrReport } from '../catalog/pr-report/write-report';
import { claimOutputFolder } from '../model/output-folder';
import { GroundworkError } from '../model/errors';
import { runCommand } from '../model/run-command';
import { TERMINAL_OUTPUT, writeErr, writeOut } from '../model/terminal-text';
import { SYNTH_OUTPUT } from '../synth/synth-output';
import { git, removeDeadRefWorktrees, resolveRef, synth, withRefSynthesized } from './ref-synth';

/** `npm run plan -- --offline ...` in this process's own build; its progress goes to stderr, its outcome to plan-status.json. */
function planOffline(args: string[]): void {
  const result = spawnSync(process.execPath, [path.join(__dirname, 'plan.js'), '--offline', ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.error) throw new GroundworkError(`npm run plan could not run: ${result.error.message}`);
}

runCommand(() => {
  const options = new Command('review').configureOutput(TERMINAL_OUTPUT)
    .description('Synthesize a base git ref and the working tree, and print the PR report')
    .option('--base <ref>', 'git ref to compare with (default: the merge base with main)')
    .option('--out <dir>', 'folder for pr-report.md and pr-report.json', 'pr-report')
    .option('--plan', 'also plan offline (GROUNDWORK_TF_MIRROR): the base against empty state, the head against the state the base plan leaves', false)
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 1))
    .parse()
    .opts<{ base?: string; out: string; plan: boolean }>();
  const cwd = process.cwd();
  removeDeadRefWorktrees();
  // Both outputs are checked before anything is synthesized: a refusal costs nothing.
  claimOutputFolder(options.out, PR_REPORT_OUTPUT);
  claimOutputFolder(path.join(cwd, 'cdktf.out'), SYNTH_OUTPUT);
  const top = git(['rev-parse', '--show-toplevel'], cwd);
  if (!top.ok) throw new GroundworkError(`${cwd} is not in a git repository: npm run review compares the working tree with a git ref.`);
  let ref = options.base;
  if (ref === undefined) {
    const mergeBase = git(['merge-base', 'HEAD', 'main'], cwd);
    if (!mergeBase.ok) throw new GroundworkError('There is no merge base with main (no branch "main" here?): pass --base <git ref>.');
    ref = mergeBase.out;
  }
  const commit = resolveRef(cwd, ref, '--base');
  withRefSynthesized(cwd, ref, commit, (base) => {
    writeErr('Synthesizing the working tree into cdktf.out...\n');
    const head = path.join(cwd, 'cdktf.out');
    synth(cwd, head, 'working tree');
    if (options.plan) {
      // A stack whose plan fails is shown as failed in the report; a base stack not planned leaves the head's planned against empty state, which the report says.
      planOffline(['--dir', base]);
      planOffline(['--dir', head, '--base', base]);
    }
    const { report, markdown, files } = writePrReport({ base, head, out: options.out, source: top.out, ...(options.plan ? { plans: path.join(head, 'plans') } : {}) });
    writeOut(markdown);
    writeErr(`Report: ${files.join(', ')}\n`);
    const failure = guardrailFailure(report);
    if (failure) throw failure;
  });
});
