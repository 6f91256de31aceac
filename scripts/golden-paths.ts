/** `npm run golden-paths`: the available golden paths, with their options and defaults. */
import { COMMON_OPTIONS, GOLDEN_PATHS, GoldenPathOption } from '../golden-paths/options';

const describe = (o: GoldenPathOption) => {
  const flag = `--${o.flag}${o.type === 'boolean' ? '' : o.type === 'list' ? ' <a,b>' : o.choices ? ` <${o.choices.join('|')}>` : ` <${o.type === 'integer' ? 'n' : 'value'}>`}`;
  return `    ${flag.padEnd(44)} ${o.description} (default: ${o.default})`;
};

const lines = ['Golden paths (npm run new-service -- --golden-path <name> ...):', ''];
for (const path of GOLDEN_PATHS) {
  lines.push(`  ${path.name}  (${path.className})`, `    ${path.summary}`, '', ...path.options.map(describe), '');
}
lines.push(
  'Every golden path also takes:',
  `    ${'--name <name>'.padEnd(44)} service name: lowercase letters, digits and hyphens (required)`,
  `    ${'--owner <team>'.padEnd(44)} owning team, from stacks/organisation.json (required)`,
  `    ${'--cost-center <cc>'.padEnd(44)} one of the team's cost centers (default: the team's first)`,
  `    ${'--tag <key=value>'.padEnd(44)} organisation-defined ownership keys, e.g. data-classification=internal (repeatable)`,
  ...COMMON_OPTIONS.map(describe),
);
console.log(lines.join('\n'));
