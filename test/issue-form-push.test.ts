import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { issueForms } from '../scripts/forms/form-fields';
import { commitForm } from '../scripts/forms/form-proposal';
import { pushFormBranch } from '../scripts/forms/form-push';
import { formRequest } from '../scripts/forms/form-request';
import { loadSettings } from '../scripts/scaffold-service';
import { refusalOf } from './helpers/mcp';
import { cleanClone, repo } from './helpers/project';
import { cleanUp, tempDir } from './helpers/synth';

/**
 * An edited issue form runs the workflow again: its change is committed again on the issue's own
 * branch and pushed over the earlier one (force-with-lease), so the same pull request shows the
 * edit; a commit someone else pushed on that branch is never overwritten. The remote is a local
 * bare repository.
 */
afterAll(cleanUp);
const settings = loadSettings(repo);
const scaleForm = issueForms(settings).find((f) => f.label === 'scale')!;
const body = (replicas: string) => scaleForm.fields.map((f) => `### ${f.label}\n\n${{ service: 'checkout', replicas, environment: 'production' }[f.id]}`).join('\n\n');
const sh = (cwd: string, ...args: string[]) => {
  const result = spawnSync('git', ['-C', cwd, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
};

let clone: string;
let remote: string;
beforeAll(() => {
  clone = cleanClone();
  remote = path.join(tempDir(), 'remote.git');
  sh(clone, 'init', '--quiet', '--bare', remote);
});

/** What the workflow's commit and push steps do for one run on issue 7. */
async function run(replicas: string, issue = 7) {
  await commitForm(clone, formRequest(settings, ['scale'], body(replicas)), 'payments', { issue, author: 'octocat' });
  return pushFormBranch(clone, remote, issue);
}
const remoteFile = () => sh(remote, 'show', 'form/issue-7:stacks/services/checkout.ts');

test('the first run creates the branch on the remote', async () => {
  expect(await run('4')).toEqual({ branch: 'form/issue-7', commit: sh(clone, 'rev-parse', 'form/issue-7'), outcome: 'created' });
  expect(sh(remote, 'rev-parse', 'form/issue-7')).toBe(sh(clone, 'rev-parse', 'form/issue-7'));
  expect(remoteFile()).toContain('    replicasIn: { production: 4 },\n');
});

test('an edited form moves the same branch to its new commit, on main, not on the earlier one', async () => {
  const earlier = sh(remote, 'rev-parse', 'form/issue-7');
  expect(await run('5')).toMatchObject({ branch: 'form/issue-7', outcome: 'updated' });
  const tip = sh(remote, 'rev-parse', 'form/issue-7');
  expect(tip).not.toBe(earlier);
  expect(sh(clone, 'rev-parse', `${tip}^`)).toBe(sh(clone, 'rev-parse', 'HEAD'));
  expect(remoteFile()).toContain('    replicasIn: { production: 5 },\n');
  expect(sh(remote, 'log', '-1', '--format=%B', 'form/issue-7')).toContain('Groundwork-Issue-Form: 7');
});

test('pushing what the remote already holds changes nothing', () => {
  expect(pushFormBranch(clone, remote, 7)).toMatchObject({ outcome: 'unchanged' });
});

test("another issue's branch is its own: issue 8 does not touch issue 7's", async () => {
  const seven = sh(remote, 'rev-parse', 'form/issue-7');
  expect(await run('3', 8)).toMatchObject({ branch: 'form/issue-8', outcome: 'created' });
  expect(sh(remote, 'rev-parse', 'form/issue-7')).toBe(seven);
});

test('a commit someone pushed on the branch is not overwritten: one sentence, the remote as it was', async () => {
  const other = path.join(tempDir(), 'other');
  sh(clone, 'clone', '--quiet', '--branch', 'form/issue-7', remote, other);
  sh(other, '-c', 'user.name=Someone', '-c', 'user.email=someone@example.com', 'commit', '--quiet', '--allow-empty', '-m', 'A fix by hand');
  sh(other, 'push', '--quiet', 'origin', 'form/issue-7');
  const theirs = sh(remote, 'rev-parse', 'form/issue-7');
  await commitForm(clone, formRequest(settings, ['scale'], body('6')), 'payments', { issue: 7, author: 'octocat' });
  expect(refusalOf(() => pushFormBranch(clone, remote, 7))).toBe(
    `The remote branch form/issue-7 ends in commit ${theirs.slice(0, 12)}, which this issue's form did not write; the form does not overwrite it: merge or close its pull request, or delete the branch, then edit the issue again.`,
  );
  expect(sh(remote, 'rev-parse', 'form/issue-7')).toBe(theirs);
});

test('hostile remotes and a missing branch: one sentence, no token in it', () => {
  expect(refusalOf(() => pushFormBranch(clone, '--upload-pack=touch /tmp/pwned', 7))).toBe('FORM_REMOTE must be a repository URL or path, not an option.');
  expect(refusalOf(() => pushFormBranch(clone, remote, 99))).toBe('There is no branch form/issue-99 to push: run form-action commit first.');
  const sentence = refusalOf(() => pushFormBranch(clone, 'https://x-access-token:SECRET-TOKEN@127.0.0.1:9/acme/groundwork.git', 7));
  expect(sentence).toMatch(/^The remote could not be read to push form\/issue-7: /);
  expect(sentence).not.toContain('SECRET-TOKEN');
});

test('npm run form-action -- push, as the workflow runs it: the remote from FORM_REMOTE, the outcome for $GITHUB_OUTPUT and the audit log', () => {
  const auditLog = path.join(tempDir(), 'audit.jsonl');
  const result = spawnSync('node', [path.join(repo, 'dist/scripts/form-action.js'), 'push', '--issue', '8'], { cwd: clone, encoding: 'utf8', env: { ...process.env, FORM_REMOTE: remote, GROUNDWORK_MCP_AUDIT: auditLog } });
  expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 0, stdout: 'branch=form/issue-8\noutcome=unchanged\n', stderr: '' });
  const [line] = fs.readFileSync(auditLog, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  expect(line).toMatchObject({ tool: 'push_form_branch', via: { issue: '8', mode: 'push' }, result: { ok: true, summary: 'branch=form/issue-8, outcome=unchanged' }, branch: 'form/issue-8', commit: sh(clone, 'rev-parse', 'form/issue-8') });
});
