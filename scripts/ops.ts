/**
 * `npm run ops -- <scale|rollback|check> ...`: day-2 operations on a service.
 *   scale <service> --replicas N [--env E]   writes the lasting change into stacks/services (one line)
 *   rollback <service>                       the image version before the current one, from git history
 *   check <action> <service> --env E [--replicas N]
 *                                            the operations workflow's input validation: prints what it acts on
 * Bad input: one sentence, nothing changed, exit 1.
 */
import * as path from 'path';
import { Command, Option } from 'commander';
import { runCommand } from '../model/run-command';
import { TERMINAL_OUTPUT, printLine } from '../model/terminal-text';
import { applyChange, checkAction, DefinitionChange, planRollback, planScale } from './service-operations';

function report(planned: DefinitionChange): void {
  if (planned.before === planned.after) {
    printLine(`${planned.summary}: already so; nothing changed.`);
    return;
  }
  printLine(
    [
      `Changed ${planned.file} (one line): ${planned.summary}.`,
      '',
      'Push it as a pull request (reviewed, then deployed; the next deploy keeps it):',
      `  git switch -c ${planned.branch}`,
      `  git commit -am "${planned.commitMessage}"`,
      `  git push -u origin ${planned.branch}`,
    ].join('\n'),
  );
}

runCommand(() => {
  const program = new Command('ops').configureOutput(TERMINAL_OUTPUT).description('Day-2 operations on a service').showHelpAfterError().exitOverride();
  const root = (opts: { root: string }) => path.resolve(opts.root);
  const rootOption = () => new Option('--root <dir>', 'project root').default(process.cwd()).hideHelp();
  program
    .command('scale <service>')
    .description('set the minimum replicas, in every environment or one (--env)')
    .requiredOption('--replicas <count>', 'minimum replicas, within the golden path\'s limits')
    .option('--env <environment>', 'one environment (replicasIn); default: every environment (replicas)')
    .addOption(rootOption())
    .action((service: string, opts: { replicas: string; env?: string; root: string }) => {
      const planned = planScale(root(opts), service, opts.replicas, opts.env);
      if (planned.before !== planned.after) applyChange(root(opts), planned);
      report(planned);
    });
  program
    .command('rollback <service>')
    .description('set the image version back to the one before the current (from git history)')
    .addOption(rootOption())
    .action((service: string, opts: { root: string }) => {
      const planned = planRollback(root(opts), service);
      applyChange(root(opts), planned);
      report(planned);
    });
  program
    .command('check <action> <service>')
    .description('validate an operations-workflow run; prints key=value lines for $GITHUB_OUTPUT')
    .requiredOption('--env <environment>', 'environment')
    .option('--replicas <count>', 'for scale')
    .addOption(rootOption())
    .action((action: string, service: string, opts: { env: string; replicas?: string; root: string }) => {
      const checked = checkAction(root(opts), { operation: action, service, environment: opts.env, replicas: opts.replicas });
      for (const [key, value] of Object.entries(checked)) printLine(`${key}=${value}`);
    });
  try {
    program.parse();
  } catch (error) {
    // commander already printed its one sentence (unknown option, missing argument).
    if ((error as { code?: string }).code?.startsWith('commander.')) process.exit((error as { exitCode?: number }).exitCode ?? 1);
    throw error;
  }
});
