/** `npm run golden-paths`: the available golden paths, with their options and defaults. */
import { COMMON_OPTIONS, GoldenPathOption } from '../golden-paths/golden-path-definition';
import { goldenPaths } from '../golden-paths/registry';
import { printLine } from '../model/terminal-text';

const describe = (o: GoldenPathOption) => {
  const flag = `--${o.flag}${o.type === 'boolean' ? '' : o.type === 'list' ? ' <a,b>' : o.choices ? ` <${o.choices.join('|')}>` : ` <${o.type === 'integer' ? 'n' : 'value'}>`}`;
  return `    ${flag.padEnd(44)} ${o.description} (default: ${o.default})`;
};

const lines = ['Golden paths (npm run new-service -- --golden-path <name> ...):', ''];
for (const path of goldenPaths()) {
  lines.push(`  ${path.name}  (${path.className})`, `    ${path.summary}`, '', ...path.options.filter((o) => !o.propOnly).map(describe), '');
}
lines.push(
  'Every golden path also takes:',
  `    ${'--name <name>'.padEnd(44)} service name: lowercase letters, digits and hyphens (required)`,
  `    ${'--owner <team>'.padEnd(44)} owning team, from stacks/organisation.json (required)`,
  `    ${'--cost-center <cc>'.padEnd(44)} one of the team's cost centers (default: the team's first)`,
  `    ${'--tag <key=value>'.padEnd(44)} organisation-defined ownership keys, e.g. data-classification=internal (repeatable)`,
  ...COMMON_OPTIONS.filter((o) => !o.propOnly).map(describe),
);
printLine(lines.join('\n'));
