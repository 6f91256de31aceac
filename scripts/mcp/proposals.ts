/**
 * Proposals: a change computed in a temporary git worktree of the repository's HEAD (never its
 * working tree), answered first as a dry run (the diff) with an id; only the confirmation of that
 * id makes a branch and a commit, in a fresh worktree of the same commit, by the same code.
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ownedPrefix } from '../../model/crash-litter';
import { GroundworkError } from '../../model/errors';
import { recordRepository, removeDeadWorktrees } from '../ref-synth';
import { analysedChange, ProposalAnalysis } from './proposal-analysis';

/** A change checked and ready to write: every refusal happens before it exists. */
export interface PlannedWrite {
  /** What it does, in one line. */
  readonly summary: string;
  readonly write: () => void;
}

export interface ProposedChange {
  /** Checks the change against a worktree (by the same code the command line uses), writing nothing yet. */
  readonly plan: (worktree: string) => PlannedWrite;
  readonly branch: string;
  readonly title: string;
}

export interface DryRun {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly base: string;
  readonly branch: string;
  readonly files: string[];
  readonly diff: string;
  /** Cost and guardrails before and after, as npm run review computes them (absent where the caller asked for the diff only). */
  readonly analysis?: ProposalAnalysis;
}

export interface Committed {
  readonly branch: string;
  readonly commit: string;
  readonly files: string[];
  readonly pushCommand: string;
}

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', ['-C', cwd, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${result.stderr.trim()}`);
  return result.stdout;
}

/** The temporary folder's name in the system temp folder: `groundwork-proposal-<pid>-<start>-<random>`. */
const PROPOSAL_FOLDER = 'groundwork-proposal-';

/**
 * Runs `use` in a detached worktree of `commit` under the system temp folder, removed afterwards
 * whatever happens; one a killed server left (its folder names its owner) is removed by the next
 * proposal, as review's are.
 */
function inWorktree<T>(root: string, commit: string, use: (worktree: string, scratch: string) => T): T {
  removeDeadWorktrees(PROPOSAL_FOLDER, 'tree');
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), ownedPrefix(PROPOSAL_FOLDER)));
  const worktree = path.join(folder, 'tree');
  try {
    recordRepository(folder, root);
    git(root, 'worktree', 'add', '--quiet', '--detach', worktree, commit);
    return use(worktree, folder);
  } finally {
    spawnSync('git', ['-C', root, 'worktree', 'remove', '--force', worktree], { encoding: 'utf8' });
    fs.rmSync(folder, { recursive: true, force: true });
    spawnSync('git', ['-C', root, 'worktree', 'prune'], { encoding: 'utf8' });
  }
}

/** The change made in the worktree and staged: its summary, files and diff. */
function stage(worktree: string, planned: PlannedWrite): { summary: string; files: string[]; diff: string } {
  const { summary } = planned;
  planned.write();
  // node_modules is the repository's, linked for synth: never part of the change, whether or not
  // the repository's .gitignore matches a link by that name (an excluding pathspec fails where it does).
  git(worktree, 'add', '--all', '--', '.');
  git(worktree, 'rm', '-r', '--cached', '--quiet', '--ignore-unmatch', '--', 'node_modules');
  const files = git(worktree, 'diff', '--cached', '--name-only').split('\n').filter(Boolean);
  if (!files.length) throw new GroundworkError(`${summary}: already so; there is nothing to propose.`);
  return { summary, files, diff: git(worktree, 'diff', '--cached', '--no-color', '--no-ext-diff') };
}

/** Dry runs waiting for confirmation, by id; each confirms once. */
export class Proposals {
  private readonly pending = new Map<string, { change: ProposedChange; dryRun: DryRun; tool: string }>();

  /** analyse: synthesize before and after each dry run for its cost and guardrail result (default); false: the diff only. */
  constructor(
    private readonly root: string,
    private readonly options: { readonly analyse?: boolean } = {},
  ) {}

  /** The change computed on HEAD and thrown away: what confirming `id` would commit, and what it costs. */
  dryRun(tool: string, change: ProposedChange): DryRun {
    const base = git(this.root, 'rev-parse', 'HEAD').trim();
    const staged = inWorktree(this.root, base, (worktree, scratch) => {
      // Planned first: a refused change costs no synth.
      const planned = change.plan(worktree);
      if (this.options.analyse === false) return stage(worktree, planned);
      const { result, analysis } = analysedChange(this.root, worktree, scratch, () => stage(worktree, planned));
      return { ...result, analysis };
    });
    // The same change on the same commit has the same id: a repeated dry run is the same proposal.
    const id = createHash('sha256').update(JSON.stringify([tool, base, change.branch, staged.diff])).digest('hex').slice(0, 16);
    const dryRun = { id, title: change.title, base, branch: change.branch, ...staged };
    this.pending.set(id, { change, dryRun, tool });
    return dryRun;
  }

  /**
   * Makes the dry run's change again on its commit, checks it is the same, commits it on its branch.
   * branch: another branch than the dry run's; replace: that branch is the caller's own (an issue
   * form's), so a confirmation moves it to the new commit instead of refusing.
   */
  confirm(id: string, message: (dryRun: DryRun) => string, options: { readonly branch?: string; readonly replace?: boolean } = {}): Committed {
    const entry = this.pending.get(id);
    if (!entry) throw new GroundworkError(`No dry run has the id "${id}" on this server (ids last until the server stops and confirm once); run the dry run again.`);
    const { change } = entry;
    const dryRun = { ...entry.dryRun, branch: options.branch ?? entry.dryRun.branch };
    if (!options.replace && spawnSync('git', ['-C', this.root, 'rev-parse', '--verify', '--quiet', `refs/heads/${dryRun.branch}`]).status === 0) {
      throw new GroundworkError(`Branch ${dryRun.branch} already exists in ${this.root}; delete it or propose a different change.`);
    }
    const commit = inWorktree(this.root, dryRun.base, (worktree) => {
      const staged = stage(worktree, change.plan(worktree));
      if (staged.diff !== dryRun.diff) throw new GroundworkError(`The change is no longer what dry run ${id} showed; run the dry run again.`);
      const identity = git(this.root, 'config', '--default', '', 'user.email').trim() ? [] : ['-c', 'user.name=Groundwork MCP', '-c', 'user.email=groundwork-mcp@localhost'];
      spawnOk(worktree, [...identity, 'commit', '--quiet', '--no-verify', '--file', '-'], message(dryRun));
      return git(worktree, 'rev-parse', 'HEAD').trim();
    });
    git(this.root, 'branch', ...(options.replace ? ['--force'] : []), dryRun.branch, commit);
    this.pending.delete(id);
    return { branch: dryRun.branch, commit, files: dryRun.files, pushCommand: `git push --set-upstream origin ${dryRun.branch}` };
  }
}

function spawnOk(cwd: string, args: string[], input: string): void {
  const result = spawnSync('git', ['-C', cwd, ...args], { encoding: 'utf8', input });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${result.stderr.trim()}`);
}
