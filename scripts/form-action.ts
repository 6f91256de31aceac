/**
 * `npm run form-action -- <check|commit>`: what the issue-form workflow runs on a submitted form.
 * The issue body comes from the environment (ISSUE_BODY), never the command line.
 *   check  --labels L                                   validates the form by a dry run; prints form= and team=
 *   commit --labels L --team T --issue N --author A     commits the change on a new branch; prints branch= and title=
 * Both print key=value lines for $GITHUB_OUTPUT. Bad input: one sentence on stderr (and in --reply
 * <file>, for the issue comment), nothing written, exit 1.
 */
import * as fs from 'fs';
import { Command } from 'commander';
import { isGroundworkError } from '../model/errors';
import { commitForm, dryRunOf, teamOf } from './forms/form-proposal';
import { formRequest } from './forms/form-request';
import { oneLine } from './mcp/tool-spec';
import { loadSettings } from './scaffold-service';

interface Options {
  labels: string;
  team?: string;
  issue?: string;
  author?: string;
  reply?: string;
}

async function act(mode: string, options: Options): Promise<string[]> {
  const root = process.cwd();
  const request = formRequest(loadSettings(root), options.labels.split(','), process.env.ISSUE_BODY ?? '');
  if (mode === 'check') {
    const team = teamOf(root, request);
    await dryRunOf(root, request, [team]);
    return [`form=${request.form.label}`, `team=${team}`];
  }
  const committed = await commitForm(root, request, options.team ?? '', { issue: Number(options.issue), author: options.author ?? 'unknown' });
  return [`branch=${committed.branch}`, `title=${committed.title}`];
}

const program = new Command('form-action')
  .argument('<mode>', 'check or commit')
  .requiredOption('--labels <labels>', "the issue's labels, comma-separated")
  .option('--team <team>', 'commit: the team the author was found in')
  .option('--issue <number>', 'commit: the issue number')
  .option('--author <login>', 'commit: who filed the form')
  .option('--reply <file>', 'where the one-sentence refusal is written for the issue comment')
  .action(async (mode: string, options: Options) => {
    try {
      if (mode !== 'check' && mode !== 'commit') throw new Error(`unknown mode ${mode}`);
      process.stdout.write(`${(await act(mode, options)).join('\n')}\n`);
    } catch (error) {
      if (!isGroundworkError(error)) throw error;
      const sentence = oneLine(error);
      if (options.reply) fs.writeFileSync(options.reply, `${sentence}\n`);
      process.stderr.write(`${sentence}\nNothing was written.\n`);
      process.exitCode = 1;
    }
  });

program.parseAsync().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 2;
});
