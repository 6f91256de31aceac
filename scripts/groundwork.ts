#!/usr/bin/env node
/**
 * The scanner's command, `npx @groundwork-platform/groundwork catalog|cost|policy <folder>`: the
 * same commands as `npm run catalog|cost|policy`, from any folder, with checkov's exit statuses:
 * 0 passed, 1 failed guardrail checks, 2 the input or the command line could not be used.
 */
import { GroundworkError } from '../model/errors';
import { runCommand, setInputErrorStatus } from '../model/run-command';
import { printLine } from '../model/terminal-text';

const COMMANDS: Record<string, { module: string; does: string }> = {
  catalog: { module: './catalog', does: 'the service catalog and Backstage entities' },
  cost: { module: './cost', does: 'the monthly cost estimate' },
  policy: { module: './policy', does: 'the guardrail findings (--format sarif for code scanning)' },
};
const USAGE = [
  'Usage: groundwork <command> [folder] [options]   (folder: Terraform JSON, a cdktf output, or --plan <plan.json>)',
  ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.does}`),
  'Each command writes its reports to <folder>/catalog; `groundwork <command> --help` lists its options.',
  'Exit status: 0 passed, 1 failed guardrail checks (policy), 2 bad input or usage.',
].join('\n');

setInputErrorStatus(2);
const name = process.argv[2];
if (name === '--help' || name === '-h' || name === 'help') printLine(USAGE);
else {
  runCommand(() => {
    const command = name === undefined ? undefined : COMMANDS[name];
    if (!command) throw new GroundworkError(`${name === undefined ? 'No command given' : `Unknown command ${JSON.stringify(name)}`}: use catalog, cost or policy (groundwork --help says more).`);
    // The command reads its own arguments from process.argv, as under npm run.
    process.argv.splice(2, 1);
    require(command.module);
  });
}
