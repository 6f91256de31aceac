// The plan record reviewed on the pull request merged as this commit, for the deploy jobs
// (actions/github-script: `require('./.github/scripts/reviewed-record.js')({ github, context })`).
// Only the comment the workflow itself wrote counts: its author is exactly github-actions[bot]
// (not any `type: Bot`, which every installed App matches); anyone else's comment with the same
// marker is ignored. Returns '' when there is none: deploy-reviewed then refuses to deploy.
const MARKER = '<!-- groundwork-pr-report -->';
const TRUSTED_AUTHOR = 'github-actions[bot]';
const RECORD = /<!-- groundwork-plan-record: ([A-Za-z0-9+/]+={0,2}) -->/;

module.exports = async function reviewedRecord({ github, context }) {
  const { owner, repo } = context.repo;
  const pulls = await github.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: context.sha });
  const pull = pulls.data.find((p) => p.merged_at && p.merge_commit_sha === context.sha) || pulls.data.find((p) => p.merged_at);
  if (!pull) return '';
  const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number: pull.number, per_page: 100 });
  const report = comments.find((c) => c.user && c.user.login === TRUSTED_AUTHOR && typeof c.body === 'string' && c.body.startsWith(MARKER));
  const found = report && report.body.match(RECORD);
  return found ? found[1] : '';
};
