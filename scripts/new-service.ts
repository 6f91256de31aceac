/**
 * `npm run new-service -- --name <name> --golden-path <path> --owner <team> --cost-center <cc> [options]`:
 * writes stacks/services/<name>.ts from the golden path's template and wires it into the app.
 * In a terminal, it asks for whatever is missing; on any problem it changes nothing.
 */
import * as path from 'path';
import { Command, Option } from 'commander';
import { NAME_PATTERN } from '../model/ownership-record';
import { allOptions, COMMON_OPTIONS, GoldenPathOption } from '../golden-paths/golden-path-definition';
import { goldenPath, goldenPaths } from '../golden-paths/registry';
import { TERMINAL_OUTPUT, printLine } from '../model/terminal-text';
import { applyScaffold, loadSettings, missingFields, planScaffold, ScaffoldRequest } from './scaffold-service';
import { runCommand } from '../model/run-command';

/** Every command-line option of every golden path once: which apply is checked against the chosen path. */
function everyFlag(): GoldenPathOption[] {
  const seen = new Map<string, GoldenPathOption>();
  for (const o of [...COMMON_OPTIONS, ...goldenPaths().flatMap((p) => p.options)]) if (!o.propOnly && !seen.has(o.flag)) seen.set(o.flag, o);
  return [...seen.values()];
}

/** Asks for missing values in a terminal (never in CI or a pipe). */
async function askForMissing(request: ScaffoldRequest, root: string): Promise<ScaffoldRequest> {
  if (!process.stdin.isTTY || !process.stdout.isTTY || !missingFields(request).length) return request;
  const { input, select } = await import('@inquirer/prompts');
  const settings = loadSettings(root);
  const name = request.name ?? (await input({ message: 'Service name (lowercase letters, digits, hyphens):', validate: (v) => NAME_PATTERN.test(v) || 'lowercase letters, digits and hyphens' }));
  const goldenPathName = request.goldenPath ?? (await select({ message: 'Golden path:', choices: goldenPaths().map((p) => ({ name: p.name, value: p.name, description: p.summary })) }));
  const owner = request.owner ?? (await select({ message: 'Owning team:', choices: Object.entries(settings.teams).map(([value, t]) => ({ name: `${value} (${t.displayName})`, value })) }));
  const costCenters = settings.teams[owner]?.costCenters ?? [];
  const costCenter = request.costCenter ?? (costCenters.length > 1 ? await select({ message: 'Cost center:', choices: costCenters.map((c) => ({ name: c, value: c })) }) : undefined);
  const options = { ...request.options };
  const definition = goldenPath(goldenPathName);
  for (const o of definition ? allOptions(definition) : COMMON_OPTIONS) {
    if (o.required && options[o.flag] === undefined) options[o.flag] = await input({ message: `${o.description}:` });
  }
  return { ...request, name, goldenPath: goldenPathName, owner, costCenter, options };
}

runCommand(async () => {
  const program = new Command('new-service').configureOutput(TERMINAL_OUTPUT)
    .description('Create a new service from a golden path (see npm run golden-paths)')
    .option('--name <name>', 'service name')
    .option('--golden-path <path>', `one of ${goldenPaths().map((p) => p.name).join(', ')}`)
    .option('--owner <team>', 'owning team')
    .option('--cost-center <cc>', "one of the team's cost centers")
    .option('--tag <key=value>', 'organisation-defined ownership key (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
    .addOption(new Option('--root <dir>', 'project root').default(process.cwd()).hideHelp());
  for (const o of everyFlag()) program.option(o.type === 'boolean' ? `--${o.flag}` : `--${o.flag} <value>`, `${o.description} (default: ${o.default})`);
  program.parse();
  const opts = program.opts<Record<string, string | boolean | string[] | undefined>>();
  const root = path.resolve(String(opts.root));
  const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  let request: ScaffoldRequest = {
    name: opts.name as string | undefined,
    goldenPath: opts.goldenPath as string | undefined,
    owner: opts.owner as string | undefined,
    costCenter: opts.costCenter as string | undefined,
    tags: opts.tag as string[],
    options: Object.fromEntries(everyFlag().map((o) => [o.flag, opts[camel(o.flag)] as string | boolean | undefined])),
  };
  request = await askForMissing(request, root);
  const plan = planScaffold(request, root);
  applyScaffold(plan, root);
  printLine(
    [
      `Created ${plan.file} (${plan.path.name}, ${plan.path.className}) and listed ${plan.functionName} in stacks/services/index.ts.`,
      '',
      'Next steps:',
      `  1. Review ${plan.file}; npm run golden-paths lists every option.`,
      '  2. npm run synth   # the service appears in cdktf.out/catalog/catalog.json, priced, with its guardrail results',
      '  3. npm test',
      `  4. Open a pull request; the owning team reviews it as the code owner.`,
    ].join('\n'),
  );
});
