/**
 * `npm run review [-- --base <git ref>]`: what a person runs before pushing. Synthesizes the base
 * ref (default: the merge base with main) in a temporary git worktree, synthesizes the working
 * tree into cdktf.out, and prints the PR report. The temporary worktree is removed on success,
 * on failure and on Ctrl-C.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Command } from 'commander';
import { writePrReport } from '../catalog/pr-report/write-report';
import { GroundworkError } from '../model/errors';
import { runCommand } from '../model/run-command';

function git(args: string[], cwd: string): { ok: boolean; out: string; err: string } {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return { ok: result.status === 0, out: result.stdout.trim(), err: (result.stderr ?? '').trim() };
}

/** `npx cdktf synth --output <dir>` in a project folder; a failure names the side and the first error line. */
function synth(projectDir: string, output: string, side: string): void {
  const result = spawnSync('npx', ['--no-install', 'cdktf', 'synth', '--output', output], {
    cwd: projectDir,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1', CI: '1' },
  });
  if (result.status !== 0) {
    const first = `${result.stderr}\n${result.stdout}`.split('\n').map((l) => l.trim()).find((l) => l && !/^[⠀-⣿]/.test(l)) ?? 'no message';
    throw new GroundworkError(`Synth of the ${side} failed: ${first}`);
  }
}

runCommand(() => {
  const options = new Command('review')
    .description('Synthesize a base git ref and the working tree, and print the PR report')
    .option('--base <ref>', 'git ref to compare with (default: the merge base with main)')
    .option('--out <dir>', 'folder for pr-report.md and pr-report.json', 'pr-report')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 1))
    .parse()
    .opts<{ base?: string; out: string }>();
  const cwd = process.cwd();
  const top = git(['rev-parse', '--show-toplevel'], cwd);
  if (!top.ok) throw new GroundworkError(`${cwd} is not in a git repository: npm run review compares the working tree with a git ref.`);
  let ref = options.base;
  if (ref === undefined) {
    const mergeBase = git(['merge-base', 'HEAD', 'main'], cwd);
    if (!mergeBase.ok) throw new GroundworkError('There is no merge base with main (no branch "main" here?): pass --base <git ref>.');
    ref = mergeBase.out;
  }
  const commit = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
  if (!commit.ok || ref.startsWith('-')) throw new GroundworkError(`The git ref "${ref}" does not exist in this repository: pass a branch, tag or commit (--base).`);

  const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'groundwork-review-'));
  const worktree = path.join(temporary, 'base');
  const cleanUp = () => {
    git(['worktree', 'remove', '--force', worktree], cwd);
    fs.rmSync(temporary, { recursive: true, force: true });
    git(['worktree', 'prune'], cwd);
  };
  const interrupted = () => {
    cleanUp();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const added = git(['worktree', 'add', '--detach', worktree, commit.out], cwd);
    if (!added.ok) throw new GroundworkError(`Cannot check out ${ref} in a temporary worktree: ${added.err.split('\n')[0]}`);
    // The base uses this checkout's installed packages: the same lock file in the usual case.
    fs.symlinkSync(fs.realpathSync(path.join(cwd, 'node_modules')), path.join(worktree, 'node_modules'), 'dir');
    process.stderr.write(`Synthesizing the base (${ref}, ${commit.out.slice(0, 12)})...\n`);
    synth(worktree, path.join(temporary, 'base.out'), `base ${ref}`);
    process.stderr.write('Synthesizing the working tree into cdktf.out...\n');
    synth(cwd, path.join(cwd, 'cdktf.out'), 'working tree');
    const { markdown, files } = writePrReport({ base: path.join(temporary, 'base.out'), head: path.join(cwd, 'cdktf.out'), out: options.out });
    process.stdout.write(markdown);
    process.stderr.write(`Report: ${files.join(', ')}\n`);
  } finally {
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
    cleanUp();
  }
});
