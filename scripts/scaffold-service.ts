import * as fs from 'fs';
import * as path from 'path';
import { replaceFile } from '../model/atomic-write';
import { GroundworkError } from '../model/errors';
import { readJsonFile } from '../model/read-json';
import { ORGANISATION_SETTINGS_FILE as SETTINGS_FILE, OrganisationSettings, validateOrganisation } from '../model/organisation-settings';
import { describeOwnershipProblem, NAME_PATTERN, OwnershipValidator, resolveOwnership } from '../model/ownership-record';
import { allOptions, COMMON_OPTIONS, serviceNameProblem, GoldenPathDefinition, GoldenPathOption } from '../golden-paths/golden-path-definition';
import { propValueProblem } from '../golden-paths/props-validation';
import { goldenPath, goldenPaths } from '../golden-paths/registry';
import { githubTopics, kubernetesLabelProblems } from '../model/tag-limits';

/** What the user asked for, as strings from flags or prompts. */
export interface ScaffoldRequest {
  readonly name?: string;
  readonly goldenPath?: string;
  readonly owner?: string;
  readonly costCenter?: string;
  readonly tags?: readonly string[];
  /** Golden-path and common options by flag name; booleans as true. */
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
}

export interface ScaffoldPlan {
  readonly name: string;
  readonly path: GoldenPathDefinition;
  readonly file: string;
  readonly functionName: string;
  readonly source: string;
  readonly index: string;
}

export const SERVICES_DIR = path.join('stacks', 'services');
export { SETTINGS_FILE };
const RESERVED = new Set(['break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'services']);

export function loadSettings(root: string): OrganisationSettings {
  const json = readJsonFile(path.join(root, SETTINGS_FILE), `The organisation settings ${SETTINGS_FILE}`);
  return validateOrganisation(json, SETTINGS_FILE);
}

/** order-events -> orderEvents (search--api too); a name that would not be a valid identifier gains a service prefix. */
export function functionNameOf(name: string): string {
  const [first, ...rest] = name.split('-').filter(Boolean);
  const camel = first + rest.map((part) => part[0].toUpperCase() + part.slice(1)).join('');
  return /^[a-z]/.test(camel) && !RESERVED.has(camel) ? camel : `service${camel[0].toUpperCase()}${camel.slice(1)}`;
}

/** Function names stacks/services/index.ts already imports. */
function functionNamesInUse(root: string): Map<string, string> {
  const index = fs.readFileSync(path.join(root, SERVICES_DIR, 'index.ts'), 'utf8');
  return new Map([...index.matchAll(/^import \{ (\w+) \} from '\.\/([a-z0-9-]+)';$/gm)].map((m) => [m[1], m[2]]));
}

const tsString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r?\n/g, '\\n')}'`;

/** Flags the request is missing, for the prompt or the error. */
export function missingFields(request: ScaffoldRequest): string[] {
  const missing: string[] = [];
  if (!request.name) missing.push('name');
  if (!request.goldenPath) missing.push('golden-path');
  if (!request.owner) missing.push('owner');
  const definition = request.goldenPath ? goldenPath(request.goldenPath) : undefined;
  for (const o of definition ? allOptions(definition) : COMMON_OPTIONS) if (o.required && request.options[o.flag] === undefined) missing.push(o.flag);
  return missing;
}

/** Every problem with the request, one sentence each, checked against the settings and the tree. */
function problemsOf(request: ScaffoldRequest, settings: OrganisationSettings, root: string): string[] {
  const problems: string[] = [];
  const name = request.name ?? '';
  const missing = missingFields(request);
  if (missing.length) problems.push(`missing ${missing.map((m) => `--${m}`).join(', ')}`);
  const nameProblem = name ? serviceNameProblem(name) : undefined;
  if (nameProblem) problems.push(`--name "${name}" ${nameProblem}`);
  if (name && !nameProblem) {
    if (fs.existsSync(path.join(root, SERVICES_DIR, `${name}.ts`))) problems.push(`--name "${name}" is taken: ${path.join(SERVICES_DIR, `${name}.ts`)} exists`);
    else if (serviceNamesInUse(root).has(name)) problems.push(`--name "${name}" is taken by another service in ${SERVICES_DIR}`);
    else {
      const fn = functionNameOf(name);
      const user = functionNamesInUse(root).get(fn);
      if (user) problems.push(`--name "${name}" would be written as the function ${fn}, which ${path.join(SERVICES_DIR, `${user}.ts`)} already exports; choose a name that differs by more than hyphens`);
    }
  }
  const definition = request.goldenPath ? goldenPath(request.goldenPath) : undefined;
  if (request.goldenPath && !definition) problems.push(`--golden-path "${request.goldenPath}" is not one of ${goldenPaths().map((p) => p.name).join(', ')}`);

  const tags: Record<string, string> = {};
  for (const pair of request.tags ?? []) {
    const at = pair.indexOf('=');
    if (at < 1) problems.push(`--tag "${pair}" must be key=value`);
    else tags[pair.slice(0, at)] = pair.slice(at + 1);
  }
  if (request.owner) {
    const input = { owner: request.owner, service: NAME_PATTERN.test(name) ? name : 'placeholder', costCenter: request.costCenter, tags };
    const { record, problems: ownership } = resolveOwnership(new OwnershipValidator(settings), input);
    for (const p of ownership) problems.push(describeOwnershipProblem(flagOf(p.key), p).replace(/\.$/, ''));
    // The limits synth applies to the same record: GitHub topics, Kubernetes labels.
    if (!ownership.length) {
      for (const p of githubTopics(record).problems) problems.push(p);
      for (const [key, value] of Object.entries(record)) for (const p of kubernetesLabelProblems(key, value)) problems.push(p);
    }
  }

  const allowed = new Map((definition ? allOptions(definition) : COMMON_OPTIONS).filter((o) => !o.propOnly).map((o) => [o.flag, o]));
  for (const [flag, value] of Object.entries(request.options)) {
    if (value === undefined) continue;
    const option = allowed.get(flag);
    if (!option) {
      if (definition) problems.push(`--${flag} is not an option of ${definition.name} (see npm run golden-paths)`);
      continue;
    }
    const problem = optionProblem(option, value, settings);
    if (problem) problems.push(`--${flag} ${problem}`);
  }
  return problems;
}

/** The flag that sets an ownership key, named in its problems. */
function flagOf(key: string): string {
  return ({ owner: '--owner', service: '--name', 'cost-center': '--cost-center' } as Record<string, string>)[key] ?? `--tag ${key}`;
}

/** A flag's text as the prop value the golden path would get, checked by the same rule synth applies. */
function optionProblem(o: GoldenPathOption, value: string | boolean, settings: OrganisationSettings): string | undefined {
  if (o.type === 'boolean') return value === true ? undefined : 'takes no value';
  if (typeof value !== 'string' || value === '') return 'needs a value';
  if (o.type === 'list') {
    const unknown = value.split(',').filter((e) => !settings.environments[e.trim()]);
    return unknown.length ? `names unknown environments ${unknown.join(', ')} (known: ${Object.keys(settings.environments).join(', ')})` : undefined;
  }
  const problem = propValueProblem(o, o.type === 'integer' ? (/^-?[0-9]+$/.test(value.trim()) ? Number(value) : value) : value);
  return problem && `"${value}" ${problem.replace(/, not a string$/, '')}`;
}

/** Service names already used in stacks/services (the second argument of each golden path). */
function serviceNamesInUse(root: string): Set<string> {
  const dir = path.join(root, SERVICES_DIR);
  const names = new Set<string>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    for (const m of fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/new \w+\(\s*org\s*,\s*'([a-z0-9-]+)'/g)) names.add(m[1]);
  }
  return names;
}

function valueCode(o: GoldenPathOption, value: string | boolean): string {
  if (o.type === 'boolean') return 'true';
  if (o.type === 'integer') return String(Number(value));
  if (o.type === 'list') return `[${String(value).split(',').map((e) => tsString(e.trim())).join(', ')}]`;
  return o.objectKey ? `{ ${o.objectKey}: ${tsString(String(value))} }` : tsString(String(value));
}

/** The TypeScript file of the new service. */
function render(request: ScaffoldRequest, definition: GoldenPathDefinition, functionName: string): string {
  const props: string[] = [`    owner: ${tsString(request.owner!)},`];
  if (request.costCenter) props.push(`    costCenter: ${tsString(request.costCenter)},`);
  const links: string[] = [];
  for (const o of [...COMMON_OPTIONS, ...definition.options]) {
    const value = request.options[o.flag];
    if (value === undefined) continue;
    if (o.prop.startsWith('links.')) links.push(`${o.prop.slice(6)}: ${valueCode(o, value)}`);
    else props.push(`    ${o.prop}: ${valueCode(o, value)},`);
  }
  if (links.length) props.push(`    links: { ${links.join(', ')} },`);
  const tags = (request.tags ?? []).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]);
  if (tags.length) props.push(`    tags: { ${tags.map(([k, v]) => `${tsString(k)}: ${tsString(v)}`).join(', ')} },`);
  const summary = String(request.options.description).replace(/\*\//g, '* /');
  return [
    `import type { Organisation } from '../../golden-paths/organisation';`,
    `import { ${definition.className} } from '../../golden-paths/${definition.name}';`,
    '',
    `/** ${summary} (scaffolded with npm run new-service). */`,
    `export function ${functionName}(org: Organisation): ${definition.className} {`,
    `  return new ${definition.className}(org, ${tsString(request.name!)}, {`,
    ...props,
    '  });',
    '}',
    '',
  ].join('\n');
}

/** stacks/services/index.ts with the new service imported and listed, both in order. */
function wire(index: string, name: string, functionName: string): string {
  const lines = index.split('\n');
  const importLine = `import { ${functionName} } from './${name}';`;
  const imports = lines.filter((l) => /^import \{ \w+ \} from '\.\/[a-z0-9-]+';$/.test(l));
  const start = lines.findIndex((l) => /^export const services\b.*= \[$/.test(l));
  const end = lines.findIndex((l, i) => i > start && l === '];');
  if (!imports.length || start < 0 || end < 0) {
    throw new GroundworkError(`${path.join(SERVICES_DIR, 'index.ts')} is not in the shape new-service edits; add "${importLine}" and "${functionName}," to the services list yourself.`);
  }
  const entries = [...lines.slice(start + 1, end).filter((l) => l.trim()), `  ${functionName},`].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const sortedImports = [...imports, importLine].sort((a, b) => {
    const ka = a.match(/'(.*)'/)![1];
    const kb = b.match(/'(.*)'/)![1];
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const head = lines.slice(0, start).filter((l) => !imports.includes(l));
  const firstImport = lines.indexOf(imports[0]);
  const before = head.slice(0, firstImport);
  const after = head.slice(firstImport);
  return [...before, ...sortedImports, ...after, lines[start], ...entries, ...lines.slice(end)].join('\n');
}

/** Validates the request and computes the files, without touching the disk. */
export function planScaffold(request: ScaffoldRequest, root: string): ScaffoldPlan {
  const settings = loadSettings(root);
  const problems = problemsOf(request, settings, root);
  if (problems.length) throw new GroundworkError('Cannot create the service; nothing was changed:', problems);
  const definition = goldenPath(request.goldenPath!)!;
  const functionName = functionNameOf(request.name!);
  const file = path.join(SERVICES_DIR, `${request.name}.ts`);
  const index = wire(fs.readFileSync(path.join(root, SERVICES_DIR, 'index.ts'), 'utf8'), request.name!, functionName);
  return { name: request.name!, path: definition, file, functionName, source: render(request, definition, functionName), index };
}

/** Writes the planned files: the new file refuses to overwrite; the index is replaced by rename. */
export function applyScaffold(plan: ScaffoldPlan, root: string): void {
  const file = path.join(root, plan.file);
  fs.writeFileSync(file, plan.source, { flag: 'wx' });
  try {
    // Through the one atomic writer: a random, exclusively created temporary name (never a link someone planted).
    replaceFile(path.join(root, SERVICES_DIR, 'index.ts'), plan.index);
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
}
