/**
 * Synthesizing a git ref beside the working tree, in a temporary worktree removed on success,
 * failure and Ctrl-C; one a killed command left (its folder names its owner) is removed by the next.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ownedPrefix, removeFile, removeLitter } from '../model/crash-litter';
import { endProcessesIn } from '../model/process-owner';
import { GroundworkError } from '../model/errors';
import { writeErr } from '../model/terminal-text';

/** The temporary folder's name in the system temp folder: `groundwork-ref-<pid>-<start>-<random>`. */
const REF_FOLDER = 'groundwork-ref-';

export function git(args: string[], cwd: string): { ok: boolean; out: string; err: string } {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return { ok: result.status === 0, out: result.stdout.trim(), err: (result.stderr ?? '').trim() };
}

/** `npx cdktf synth --output <dir>` in a project folder; a failure names the side and the first error line. */
export function synth(projectDir: string, output: string, side: string): void {
  const result = spawnSync('npx', ['--no-install', 'cdktf', 'synth', '--output', output], {
    cwd: projectDir,
    encoding: 'utf8',
    // Guardrail errors do not stop this synth: the caller reports them (npm run review).
    env: { ...process.env, CHECKPOINT_DISABLE: '1', CI: '1', GROUNDWORK_GUARDRAIL_ERRORS: 'report' },
  });
  if (result.status !== 0) {
    const first = `${result.stderr}\n${result.stdout}`.split('\n').map((l) => l.trim()).find((l) => l && !/^[⠀-⣿]/.test(l)) ?? 'no message';
    throw new GroundworkError(`Synth of the ${side} failed: ${first}`);
  }
}

/** The commit a ref names, refusing what is not a ref of this repository. */
export function resolveRef(cwd: string, ref: string, flag: string): string {
  const commit = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
  if (!commit.ok || ref.startsWith('-')) throw new GroundworkError(`The git ref "${ref}" does not exist in this repository: pass a branch, tag or commit (${flag}).`);
  return commit.out;
}

/**
 * Checks `commit` out in a temporary worktree (sharing this checkout's node_modules), synthesizes
 * it, and hands the output folder to `use`; everything temporary is removed afterwards, also on Ctrl-C.
 */
export function withRefSynthesized<T>(cwd: string, ref: string, commit: string, use: (outdir: string) => T): T {
  removeDeadRefWorktrees();
  const temporary = fs.mkdtempSync(path.join(os.tmpdir(), ownedPrefix(REF_FOLDER)));
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
  recordRepository(temporary, cwd);
  try {
    const added = git(['worktree', 'add', '--detach', worktree, commit], cwd);
    if (!added.ok) throw new GroundworkError(`Cannot check out ${ref} in a temporary worktree: ${added.err.split('\n')[0]}`);
    // The base uses this checkout's installed packages: the same lock file in the usual case.
    fs.symlinkSync(fs.realpathSync(path.join(cwd, 'node_modules')), path.join(worktree, 'node_modules'), 'dir');
    writeErr(`Synthesizing ${ref} (${commit.slice(0, 12)})...\n`);
    synth(worktree, path.join(temporary, 'base.out'), `base ${ref}`);
    return use(path.join(temporary, 'base.out'));
  } finally {
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
    cleanUp();
  }
}

/**
 * Which repository a temporary folder's worktree joins, written before the worktree is added: a
 * run killed before git writes the worktree's own .git file still leaves the next run enough to
 * prune its entry.
 */
export function recordRepository(temporary: string, cwd: string): void {
  const commonDir = git(['rev-parse', '--git-common-dir'], cwd);
  if (commonDir.ok) fs.writeFileSync(path.join(temporary, REPOSITORY_FILE), path.resolve(cwd, commonDir.out));
}

/** Removes the temporary worktrees of commands that were killed, and their entries in the repository that made them. */
export function removeDeadRefWorktrees(): void {
  removeDeadWorktrees(REF_FOLDER, 'base');
}

/**
 * Removes the temporary folders `<system temp>/<folder><owner>` whose owner was killed, with the
 * worktree `<worktreeName>` each holds and its entry in its repository.
 */
export function removeDeadWorktrees(folder: string, worktreeName: string): void {
  removeLitter(os.tmpdir(), folder, (head) => head === '', (temporary) => {
    const worktree = path.join(temporary, worktreeName);
    // The dead command's git or synth may still be writing there (children outlive a SIGKILL), and
    // one may start a child of its own between the look and the kill: look again until none is left.
    for (let round = 0; round < 5 && endProcessesIn(temporary) > 0; round++);
    const repository = repositoryOf(worktree) ?? recordedRepository(temporary);
    // Twice forced: a worktree killed while being checked out is still locked ("initializing").
    if (repository) git(['worktree', 'remove', '--force', '--force', worktree], repository);
    removeFile(temporary);
    if (repository) {
      // Killed before git wrote the worktree's .git file, `remove` cannot find it and `prune` never
      // prunes a locked entry: the entries pointing into the dead folder are removed by hand.
      forgetWorktreesIn(repository, temporary);
      git(['worktree', 'prune'], repository);
    }
  });
}

/** Removes the repository's worktree entries (`<git dir>/worktrees/<id>`) whose checkout lies inside `folder`. */
function forgetWorktreesIn(repository: string, folder: string): void {
  const entries = path.join(repository, 'worktrees');
  // git records the real path; the folder may have been named through a symbolic link (TMPDIR).
  const inside = [folder, path.join(fs.realpathSync(path.dirname(folder)), path.basename(folder))];
  let ids: string[] = [];
  try {
    ids = fs.readdirSync(entries);
  } catch {
    return;
  }
  for (const id of ids) {
    let checkout: string;
    try {
      checkout = fs.readFileSync(path.join(entries, id, 'gitdir'), 'utf8').trim();
    } catch {
      continue;
    }
    if (inside.some((f) => checkout.startsWith(`${f}/`))) removeFile(path.join(entries, id));
  }
}

/** The file in a review's temporary folder naming the git folder its worktree joins. */
const REPOSITORY_FILE = 'repository';

function recordedRepository(temporary: string): string | undefined {
  try {
    return fs.readFileSync(path.join(temporary, REPOSITORY_FILE), 'utf8') || undefined;
  } catch {
    return undefined;
  }
}

/** The git folder a worktree belongs to, from its `.git` file (`gitdir: <repository>/worktrees/<name>`). */
function repositoryOf(worktree: string): string | undefined {
  try {
    const gitdir = /^gitdir: (.+)$/m.exec(fs.readFileSync(path.join(worktree, '.git'), 'utf8'))?.[1];
    return gitdir ? path.resolve(worktree, gitdir, '..', '..') : undefined;
  } catch {
    return undefined;
  }
}
