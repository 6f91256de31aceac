/**
 * `npm run review [-- --base <git ref>]`: what a person runs before pushing. Synthesizes the base
 * ref (default: the merge base with main) in a temporary git worktree, synthesizes the working
 * tree into cdktf.out, and prints the PR report. The temporary worktree is removed on success,
 * on failure and on Ctrl-C.
 */
import * as path from 'path';
import { Command } from 'commander';
import { PR_REPORT_OUTPUT, writePrReport } from '../catalog/pr-report/write-report';
import { claimOutputFolder } from '../model/output-folder';
import { GroundworkError } from '../model/errors';
import { runCommand } from '../model/run-command';
import { TERMINAL_OUTPUT, writeErr, writeOut } from '../model/terminal-text';
import { SYNTH_OUTPUT } from '../stacks/synth-output';
import { git, removeDeadRefWorktrees, resolveRef, synth, withRefSynthesized } from './ref-synth';

runCommand(() => {
  const options = new Command('review').configureOutput(TERMINAL_OUTPUT)
    .description('Synthesize a base git ref and the working tree, and print the PR report')
    .option('--base <ref>', 'git ref to compare with (default: the merge base with main)')
    .option('--out <dir>', 'folder for pr-report.md and pr-report.json', 'pr-report')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 1))
    .parse()
    .opts<{ base?: string; out: string }>();
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
    synth(cwd, path.join(cwd, 'cdktf.out'), 'working tree');
    const { markdown, files } = writePrReport({ base, head: path.join(cwd, 'cdktf.out'), out: options.out });
    writeOut(markdown);
    writeErr(`Report: ${files.join(', ')}\n`);
  });
});
