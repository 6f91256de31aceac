/** The deploy jobs' github-script body (.github/scripts/reviewed-record.js), run against a fake `github` object. */
const reviewedRecord = require('../.github/scripts/reviewed-record.js');

const MARKER = '<!-- groundwork-pr-report -->';
const comment = (login: string, type: string, record: string) => ({ user: { login, type }, body: `${MARKER}\n<!-- groundwork-plan-record: ${record} -->\n## Groundwork` });

/** A fake of the two GitHub calls the script makes, recording what it asked. */
function fakeGithub(comments: unknown[], pulls = [{ number: 7, merged_at: '2025-01-01T00:00:00Z', merge_commit_sha: 'abc' }]) {
  const asked: unknown[] = [];
  const listComments = Symbol('listComments');
  return {
    asked,
    github: {
      rest: {
        repos: { listPullRequestsAssociatedWithCommit: async (args: unknown) => (asked.push(args), { data: pulls }) },
        issues: { listComments },
      },
      paginate: async (method: unknown, args: unknown) => {
        expect(method).toBe(listComments);
        asked.push(args);
        return comments;
      },
    },
  };
}
const context = { repo: { owner: 'acme-corp', repo: 'groundwork' }, sha: 'abc' };

test("only github-actions[bot]'s comment is the reviewed record: a user's or another App's earlier comment is ignored", async () => {
  const { github, asked } = fakeGithub([comment('mallory', 'User', 'AAAA'), comment('evil-app[bot]', 'Bot', 'BBBB'), comment('github-actions[bot]', 'Bot', 'CCCC')]);
  expect(await reviewedRecord({ github, context })).toBe('CCCC');
  expect(asked).toEqual([
    { owner: 'acme-corp', repo: 'groundwork', commit_sha: 'abc' },
    { owner: 'acme-corp', repo: 'groundwork', issue_number: 7, per_page: 100 },
  ]);
});

test('no comment from the bot, no merged pull request, or a comment without a record: nothing (deploy-reviewed then refuses)', async () => {
  expect(await reviewedRecord({ github: fakeGithub([comment('mallory', 'User', 'AAAA')]).github, context })).toBe('');
  expect(await reviewedRecord({ github: fakeGithub([comment('github-actions[bot]', 'Bot', 'CCCC')], [{ number: 7, merged_at: null, merge_commit_sha: 'abc' }] as any).github, context })).toBe('');
  expect(await reviewedRecord({ github: fakeGithub([{ user: { login: 'github-actions[bot]' }, body: `${MARKER}\nno record` }]).github, context })).toBe('');
  // A body that only quotes the marker later on is not the report.
  expect(await reviewedRecord({ github: fakeGithub([{ user: { login: 'github-actions[bot]' }, body: `> ${MARKER}\n<!-- groundwork-plan-record: CCCC -->` }]).github, context })).toBe('');
  // A deleted user (null) does not break the search.
  expect(await reviewedRecord({ github: fakeGithub([{ user: null, body: 'x' }, comment('github-actions[bot]', 'Bot', 'DDDD')]).github, context })).toBe('DDDD');
});
