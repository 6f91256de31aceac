// The issue-form workflow's github-script bodies, kept in a file so that
// test/issue-form-workflow.test.ts runs them against a fake github object.
// authorInTeam: the form acts only for people in the service's team (the issue's author and, on an
//   edit, whoever edited it), asked of the GitHub API with the App token (members: read).
// reply: one comment on the issue: the pull request (opened, or updated after an edit), or the
//   one-sentence refusal (fenced: it may quote what the form said, which must not render as
//   Markdown or mention anyone).
'use strict';
const fs = require('fs');

async function isActiveMember(github, org, team, username) {
  try {
    const { data } = await github.rest.teams.getMembershipForUserInOrg({ org, team_slug: team, username });
    return data.state === 'active';
  } catch (error) {
    if (error.status === 404) return false;
    throw error;
  }
}

async function authorInTeam({ github, context, core, team, replyFile }) {
  const org = context.repo.owner;
  const people = [...new Set([context.payload.issue.user.login, context.payload.sender.login])];
  for (const login of people) {
    if (!(await isActiveMember(github, org, team, login))) {
      fs.writeFileSync(replyFile, `@${login} is not a member of the team ${team} in ${org}, whose services this form would change; ask someone in ${team} to file it.\n`);
      core.setFailed(`${login} is not in team ${team}.`);
      return false;
    }
  }
  return true;
}

const fenced = (text) => {
  const longest = Math.max(2, ...(text.match(/~+/g) || []).map((run) => run.length));
  const fence = '~'.repeat(longest + 1);
  return `${fence}\n${text.trimEnd()}\n${fence}`;
};

async function reply({ github, context, replyFile, pullRequest, pushed, runUrl }) {
  const { owner, repo } = context.repo;
  const issue_number = context.payload.issue.number;
  const refusal = fs.existsSync(replyFile) ? fs.readFileSync(replyFile, 'utf8').trim() : '';
  const body = pullRequest
    ? `${pushed === 'created' || !pushed ? 'Opened' : 'Updated'} ${pullRequest} with this ${pushed === 'updated' ? 'edited ' : ''}change. Its checks show the plan, the cost and the guardrails; it deploys once reviewed and merged.`
    : refusal
      ? `Nothing was changed:\n\n${fenced(refusal)}\n\nEdit the issue to try again.`
      : `Nothing was changed: the form could not be acted on; see ${runUrl}.`;
  await github.rest.issues.createComment({ owner, repo, issue_number, body });
  return body;
}

module.exports = { authorInTeam, reply };
