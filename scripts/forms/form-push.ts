/**
 * Pushing an issue form's branch (form/issue-<N>) to the remote. The first run creates it; a run
 * after the form was edited moves it to the new commit with --force-with-lease on the tip it just
 * saw, and only when that tip is the form's own commit for this issue: a commit someone pushed on
 * the branch by hand is never overwritten.
 */
import { spawnSync } from 'child_process';
import { GroundworkError } from '../../model/errors';
import { formBranch, formTrailer } from './form-proposal';

export interface Pushed {
  readonly branch: string;
  readonly commit: string;
  /** created: the branch is new; updated: it moved to the edited form's commit; unchanged: it already held it. */
  readonly outcome: 'created' | 'updated' | 'unchanged';
}

/**
 * `remote` may carry a token (https://x-access-token:...@github.com/...): git's messages are
 * never passed on with it in.
 */
function git(root: string, remote: string, args: string[]): { ok: boolean; out: string; err: string } {
  const result = spawnSync('git', ['-C', root, ...args], { encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
  const hide = (text: string) => (text ?? '').split(remote).join('<remote>').trim();
  return { ok: result.status === 0, out: hide(result.stdout), err: hide(result.stderr).split('\n')[0] ?? '' };
}

/** Pushes the issue's branch as it is in `root` to `remote`. */
export function pushFormBranch(root: string, remote: string, issue: number): Pushed {
  // Read as an option by git otherwise (--upload-pack=...).
  if (remote.startsWith('-')) throw new GroundworkError('FORM_REMOTE must be a repository URL or path, not an option.');
  const branch = formBranch(issue);
  const local = git(root, remote, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`]);
  if (!local.ok) throw new GroundworkError(`There is no branch ${branch} to push: run form-action commit first.`);
  const listed = git(root, remote, ['ls-remote', '--heads', remote, `refs/heads/${branch}`]);
  if (!listed.ok) throw new GroundworkError(`The remote could not be read to push ${branch}: ${listed.err}`);
  const tip = listed.out.split(/\s/)[0] ?? '';
  if (tip) {
    if (tip === local.out) return { branch, commit: local.out, outcome: 'unchanged' };
    const fetched = git(root, remote, ['fetch', '--quiet', '--no-tags', remote, `refs/heads/${branch}`]);
    const message = fetched.ok ? git(root, remote, ['log', '-1', '--format=%B', tip]) : fetched;
    if (!message.ok) throw new GroundworkError(`The remote branch ${branch} could not be fetched to check it: ${message.err}`);
    if (!message.out.split('\n').includes(formTrailer(issue))) {
      throw new GroundworkError(`The remote branch ${branch} ends in commit ${tip.slice(0, 12)}, which this issue's form did not write; the form does not overwrite it: merge or close its pull request, or delete the branch, then edit the issue again.`);
    }
  }
  // The lease is the tip just seen (or no branch at all): a push in between makes this one fail, not overwrite it.
  const pushed = git(root, remote, ['push', '--quiet', `--force-with-lease=refs/heads/${branch}:${tip}`, remote, `refs/heads/${branch}:refs/heads/${branch}`]);
  if (!pushed.ok) throw new GroundworkError(`Pushing ${branch} failed: ${pushed.err}`);
  return { branch, commit: local.out, outcome: tip ? 'updated' : 'created' };
}
