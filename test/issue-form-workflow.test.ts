import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { repo } from './helpers/project';
import { cleanUp, tempDir } from './helpers/synth';

/**
 * The issue-form workflow: its shape (who it acts for, how the body reaches the script, the App
 * token), and its github-script bodies (.github/scripts/issue-form.js) run against a fake `github`.
 */
afterAll(cleanUp);
const workflow = yaml.load(fs.readFileSync(path.join(repo, '.github/workflows/issue-form.yml'), 'utf8')) as any;
const job = workflow.jobs.act;
const step = (name: string) => job.steps.find((s: any) => s.id === name || s.name === name);

describe('.github/workflows/issue-form.yml', () => {
  test('on issues opened or edited, for the form labels, for OWNER, MEMBER and COLLABORATOR only', () => {
    expect(workflow.on).toEqual({ issues: { types: ['opened', 'edited'] } });
    expect(job.if).toContain("contains(github.event.issue.labels.*.name, 'new-service')");
    expect(job.if).toContain("contains(github.event.issue.labels.*.name, 'scale')");
    expect(job.if).toContain(`contains(fromJSON('["OWNER", "MEMBER", "COLLABORATOR"]'), github.event.issue.author_association)`);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(job.permissions).toEqual({ contents: 'read' });
  });

  test('the body reaches the script only through env; no expression inside any run', () => {
    for (const s of job.steps) expect(String(s.run ?? '')).not.toMatch(/\$\{\{/);
    expect(step('form').env.ISSUE_BODY).toBe('${{ github.event.issue.body }}');
    expect(step('commit').env.ISSUE_BODY).toBe('${{ github.event.issue.body }}');
    for (const s of job.steps.filter((x: any) => x.with?.script)) expect(s.with.script).not.toMatch(/\$\{\{/);
  });

  test('validate, check the team, commit, then push and open the pull request with the App token; always reply', () => {
    const order = job.steps.map((s: any) => s.id ?? s.name);
    expect(order.slice(4)).toEqual(['app-token', 'form', "The author belongs to the service's team", 'commit', 'push', 'pull-request', 'Reply on the issue', 'Keep the audit log']);
    expect(step('app-token').uses).toMatch(/^actions\/create-github-app-token@[0-9a-f]{40}$/);
    expect(step('app-token').with).toMatchObject({ 'permission-members': 'read', 'permission-contents': 'write', 'permission-pull-requests': 'write', 'permission-issues': 'write' });
    expect(step('pull-request').env.GH_TOKEN).toBe('${{ steps.app-token.outputs.token }}');
    expect(step("The author belongs to the service's team").with['github-token']).toBe('${{ steps.app-token.outputs.token }}');
    expect(step('Reply on the issue').if).toBe("always() && steps.app-token.outputs.token != ''");
    expect(step('form').run).toContain('node dist/scripts/form-action.js check');
    expect(step('commit').run).toContain('node dist/scripts/form-action.js commit');
  });

  test('the data-store form is acted on too; the check carries the author for the audit log, which the run keeps', () => {
    expect(job.if).toContain("contains(github.event.issue.labels.*.name, 'data-store')");
    expect(step('form').env).toMatchObject({ ISSUE: '${{ github.event.issue.number }}', AUTHOR: '${{ github.event.issue.user.login }}' });
    expect(step('form').run).toContain('--issue "$ISSUE" --author "$AUTHOR"');
    expect(step('Keep the audit log')).toMatchObject({ if: 'always()', with: { path: '.groundwork/audit.jsonl' } });
  });

  test("an edited form: the push moves the issue's own branch, the open pull request is retitled rather than opened twice", () => {
    expect(step('push').env.FORM_REMOTE).toBe('https://x-access-token:${{ steps.app-token.outputs.token }}@github.com/${{ github.repository }}.git');
    expect(step('push').run).toBe('node dist/scripts/form-action.js push --issue "$ISSUE" --reply "$RUNNER_TEMP/reply" >> "$GITHUB_OUTPUT"');
    expect(step('pull-request').env.BRANCH).toBe('${{ steps.push.outputs.branch }}');
    expect(step('pull-request').run).toContain('gh pr list --head "$BRANCH" --state open');
    expect(step('pull-request').run).toContain('gh pr edit "$url" --title "$TITLE"');
    expect(step('Reply on the issue').env.PUSHED).toBe('${{ steps.push.outputs.outcome }}');
  });
});

describe('.github/scripts/issue-form.js', () => {
  const { authorInTeam, reply } = require(path.join(repo, '.github/scripts/issue-form.js'));
  const context = (author: string, sender = author) => ({ repo: { owner: 'acme-corp', repo: 'groundwork' }, payload: { issue: { number: 7, user: { login: author } }, sender: { login: sender } } });

  /** A fake github: team memberships by login (state), everyone else 404; every call recorded. */
  function fakeGithub(members: Record<string, string> = {}) {
    const calls: Array<[string, any]> = [];
    const github = {
      rest: {
        teams: {
          getMembershipForUserInOrg: async (args: any) => {
            calls.push(['getMembershipForUserInOrg', args]);
            if (!members[args.username]) throw Object.assign(new Error('Not Found'), { status: 404 });
            return { data: { state: members[args.username] } };
          },
        },
        issues: { createComment: async (args: any) => void calls.push(['createComment', args]) },
      },
    };
    return { github, calls };
  }
  const core = () => {
    const failed: string[] = [];
    return { failed, setFailed: (m: string) => failed.push(m) };
  };

  test('a member of the team: allowed, asked of the API for that team in the organisation', async () => {
    const { github, calls } = fakeGithub({ octocat: 'active' });
    const c = core();
    const replyFile = path.join(tempDir(), 'reply');
    expect(await authorInTeam({ github, context: context('octocat'), core: c, team: 'payments', replyFile })).toBe(true);
    expect(calls).toEqual([['getMembershipForUserInOrg', { org: 'acme-corp', team_slug: 'payments', username: 'octocat' }]]);
    expect(c.failed).toEqual([]);
    expect(fs.existsSync(replyFile)).toBe(false);
  });

  test.each([
    ['not in the team', { octocat: 'active' }, context('mallory'), 'mallory'],
    ['invited, not yet a member', { mallory: 'pending' }, context('mallory'), 'mallory'],
    ['an edit by someone outside the team of a member\'s issue', { octocat: 'active' }, context('octocat', 'mallory'), 'mallory'],
  ])('%s: refused in one sentence for the reply, the step fails', async (_what, members, ctx, who) => {
    const { github } = fakeGithub(members);
    const c = core();
    const replyFile = path.join(tempDir(), 'reply');
    expect(await authorInTeam({ github, context: ctx, core: c, team: 'payments', replyFile })).toBe(false);
    expect(fs.readFileSync(replyFile, 'utf8')).toBe(`@${who} is not a member of the team payments in acme-corp, whose services this form would change; ask someone in payments to file it.\n`);
    expect(c.failed).toEqual([`${who} is not in team payments.`]);
  });

  test('an API error other than 404 is not taken for "not a member"', async () => {
    const github = { rest: { teams: { getMembershipForUserInOrg: async () => Promise.reject(Object.assign(new Error('Bad credentials'), { status: 401 })) } } };
    await expect(authorInTeam({ github, context: context('octocat'), core: core(), team: 'payments', replyFile: path.join(tempDir(), 'reply') })).rejects.toThrow('Bad credentials');
  });

  test('reply: the pull request; or the refusal fenced, so what the form said cannot render or mention anyone; or the run', async () => {
    const dir = tempDir();
    const replyFile = path.join(dir, 'reply');
    const { github, calls } = fakeGithub();
    await reply({ github, context: context('octocat'), replyFile, pullRequest: 'https://github.com/acme-corp/groundwork/pull/9', runUrl: 'https://run' });
    expect(calls[0]).toEqual(['createComment', { owner: 'acme-corp', repo: 'groundwork', issue_number: 7, body: expect.stringMatching(/^Opened https:\/\/github.com\/acme-corp\/groundwork\/pull\/9 with this change\./) }]);
    await reply({ github, context: context('octocat'), replyFile, pullRequest: 'https://github.com/acme-corp/groundwork/pull/9', pushed: 'updated', runUrl: 'https://run' });
    expect(calls.pop()![1].body).toMatch(/^Updated https:\/\/github.com\/acme-corp\/groundwork\/pull\/9 with this edited change\./);
    fs.writeFileSync(replyFile, 'Cannot create the service; nothing was changed: --name "@everyone ~~~ <b>x</b>" must be lowercase letters.\n');
    await reply({ github, context: context('octocat'), replyFile, pullRequest: '', runUrl: 'https://run' });
    expect(calls[1][1].body).toBe('Nothing was changed:\n\n~~~~\nCannot create the service; nothing was changed: --name "@everyone ~~~ <b>x</b>" must be lowercase letters.\n~~~~\n\nEdit the issue to try again.');
    fs.rmSync(replyFile);
    await reply({ github, context: context('octocat'), replyFile, pullRequest: '', runUrl: 'https://run' });
    expect(calls[2][1].body).toBe('Nothing was changed: the form could not be acted on; see https://run.');
  });
});
