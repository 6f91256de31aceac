// The pull-request workflow's comment (actions/github-script): creates the one report comment, or
// updates it on each push. Only a comment the workflow itself wrote (author github-actions[bot],
// starting with the marker) is updated; anyone else's comment with the marker is left alone.
// Kept in a file so that test/workflow-scripts.test.ts runs it against a fake github object.
'use strict';
const fs = require('fs');

const MARKER = '<!-- groundwork-pr-report -->';
const WORKFLOW_BOT = 'github-actions[bot]';

module.exports = async function commentReport({ github, context, file }) {
  const body = fs.readFileSync(file, 'utf8');
  const { owner, repo } = context.repo;
  const issue_number = context.payload.pull_request.number;
  const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
  const mine = comments.find((c) => c.user?.login === WORKFLOW_BOT && (c.body ?? '').startsWith(MARKER));
  if (mine) await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
  else await github.rest.issues.createComment({ owner, repo, issue_number, body });
  return mine ? 'updated' : 'created';
};
