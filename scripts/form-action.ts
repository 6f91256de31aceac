/**
 * `npm run form-action -- <check|commit|push>`: what the issue-form workflow runs on a submitted form.
 * The issue body comes from the environment (ISSUE_BODY), never the command line.
 *   check  --labels L --issue N --author A            validates the form by a dry run; prints form= and team=
 *   commit --labels L --team T --issue N --author A   commits the change on the issue's branch (form/issue-N); prints branch= and title=
 *   push   --issue N                                  pushes that branch to FORM_REMOTE (created, or updated after an edit); prints outcome=
 * Each prints key=value lines for $GITHUB_OUTPUT and is recorded in the audit log
 * (GROUNDWORK_MCP_AUDIT, as the MCP server's calls): the author, the form, the arguments, the outcome.
 * Bad input: one sentence on stderr (and in --reply <file>, for the issue comment), nothing written, exit 1.
 */
import * as fs from 'fs';
import { Command } from 'commander';
import { GroundworkError, isGroundworkError } from '../model/errors';
import { auditForm } from './forms/form-audit';
import { commitForm, dryRunOf, teamOf } from './forms/form-proposal';
import { pushFormBranch } from './forms/form-push';
import { formRequest, FormRequest } from './forms/form-request';
import { oneLine } from './mcp/tool-spec';
import { settingsFromEnvironment } from './mcp/server-settings';
import { loadSettings } from './scaffold-service';

interface Options {
  labels?: string;
  team?: string;
  issue?: string;
  author?: string;
  reply?: string;
}

/** A GitHub login (bots end in [bot]). */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(\[bot\])?$/;

function issueNumber(options: Options): number {
  const issue = Number(options.issue);
  if (!/^[0-9]{1,9}$/.test(options.issue ?? '') || issue < 1) throw new GroundworkError(`--issue must be the issue's number, not "${String(options.issue).slice(0, 20)}".`);
  return issue;
}

function author(options: Options): string {
  if (!LOGIN.test(options.author ?? '')) throw new GroundworkError(`--author must be a GitHub login, not "${String(options.author).slice(0, 40)}".`);
  return options.author!;
}

async function act(mode: string, options: Options, note: (facts: { request?: FormRequest; team?: string; branch?: string; commit?: string }) => void): Promise<string[]> {
  const root = process.cwd();
  const issue = issueNumber(options);
  if (mode === 'push') {
    const remote = process.env.FORM_REMOTE;
    if (!remote) throw new GroundworkError('form-action push needs the remote to push to in FORM_REMOTE.');
    const pushed = pushFormBranch(root, remote, issue);
    note({ branch: pushed.branch, commit: pushed.commit });
    return [`branch=${pushed.branch}`, `outcome=${pushed.outcome}`];
  }
  const by = author(options);
  const request = formRequest(loadSettings(root), (options.labels ?? '').split(','), process.env.ISSUE_BODY ?? '');
  note({ request });
  if (mode === 'check') {
    const team = teamOf(root, request);
    note({ request, team });
    // Validation only: the pull request's own checks show its cost and guardrails.
    await dryRunOf(root, request, [team], false);
    return [`form=${request.form.label}`, `team=${team}`];
  }
  const team = options.team ?? '';
  note({ request, team });
  const committed = await commitForm(root, request, team, { issue, author: by });
  note({ request, team, branch: committed.branch, commit: committed.commit });
  return [`branch=${committed.branch}`, `title=${committed.title}`];
}

const program = new Command('form-action')
  .argument('<mode>', 'check, commit or push')
  .option('--labels <labels>', "check, commit: the issue's labels, comma-separated")
  .option('--team <team>', 'commit: the team the author was found in')
  .option('--issue <number>', 'the issue number')
  .option('--author <login>', 'check, commit: who filed the form')
  .option('--reply <file>', 'where the one-sentence refusal is written for the issue comment')
  .action(async (mode: string, options: Options) => {
    let facts: Parameters<Parameters<typeof act>[2]>[0] = {};
    const record = (ok: boolean, summary: string) => {
      auditForm(settingsFromEnvironment(process.env, process.cwd()).auditLog, { mode, issue: options.issue, author: options.author, labels: options.labels, body: process.env.ISSUE_BODY ?? '', ...facts }, { ok, summary });
    };
    try {
      if (mode !== 'check' && mode !== 'commit' && mode !== 'push') throw new GroundworkError(`form-action takes check, commit or push, not "${mode.slice(0, 20)}".`);
      const lines = await act(mode, options, (more) => (facts = more));
      record(true, lines.join(', '));
      process.stdout.write(`${lines.join('\n')}\n`);
    } catch (error) {
      if (!isGroundworkError(error)) {
        record(false, `internal error: ${(error as Error).message.split('\n')[0].slice(0, 200)}`);
        throw error;
      }
      const sentence = oneLine(error);
      record(false, sentence);
      if (options.reply) fs.writeFileSync(options.reply, `${sentence}\n`);
      process.stderr.write(`${sentence}\nNothing was written.\n`);
      process.exitCode = 1;
    }
  });

program.parseAsync().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 2;
});
