/**
 * Day-2 operations on a service's definition (`npm run ops`): checks an action against the
 * service, its golden path and the organisation (what the operations workflow runs first), and
 * writes the lasting ones (scale, version rollback) into stacks/services/<file>.ts as a one-line
 * change, validated by the same option rules synth applies. Bad input changes nothing.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError } from '../model/errors';
import { replaceFile } from '../model/atomic-write';
import { NAME_PATTERN } from '../model/ownership-record';
import { eksCluster } from '../model/pipeline-roles';
import { GoldenPathDefinition, GoldenPathOption, Operation, operationsOf } from '../golden-paths/golden-path-definition';
import { propValueProblem } from '../golden-paths/props-validation';
import { goldenPaths } from '../golden-paths/registry';
import { loadSettings, SERVICES_DIR } from './scaffold-service';

export const OPERATIONS: readonly Operation[] = ['restart', 'rollback', 'scale'];

/** A service as its file in stacks/services declares it. */
export interface ServiceDefinitionFile {
  readonly name: string;
  /** Relative to the project root. */
  readonly file: string;
  readonly definition: GoldenPathDefinition;
  readonly environments: readonly string[];
  readonly lines: readonly string[];
  /** Line indexes of the props object: its first prop line and its closing `});`. */
  readonly propsStart: number;
  readonly propsEnd: number;
  readonly indent: string;
}

const refuse = (sentence: string): never => {
  throw new GroundworkError(sentence);
};

/** Finds the service's file and reads what ops needs from it, refusing any file not in the shape it edits. */
export function findService(root: string, name: string): ServiceDefinitionFile {
  if (!NAME_PATTERN.test(name)) refuse(`Service "${name}" is not a service name (lowercase letters, digits and hyphens).`);
  const settings = loadSettings(root);
  const dir = path.join(root, SERVICES_DIR);
  const known: string[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts').sort()) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const lines = text.split('\n');
    const start = lines.findIndex((l) => /new \w+\(\s*org\s*,\s*'[a-z0-9-]+'\s*,\s*\{$/.test(l));
    const declared = start >= 0 ? lines[start].match(/new (\w+)\(\s*org\s*,\s*'([a-z0-9-]+)'/)! : undefined;
    if (!declared) continue;
    known.push(declared[2]);
    if (declared[2] !== name) continue;
    const where = path.join(SERVICES_DIR, file);
    const definition = goldenPaths().find((p) => p.className === declared[1]);
    if (!definition) refuse(`${where} declares ${name} with ${declared[1]}, which is not a golden path (${goldenPaths().map((p) => p.className).join(', ')}).`);
    const end = lines.findIndex((l, i) => i > start && /^\s*\}\);$/.test(l));
    if (end < 0) refuse(`${where} is not in the shape ops edits (a props object closed by "});" on its own line); edit it by hand.`);
    const indent = lines[start + 1]?.match(/^(\s*)\w/)?.[1] ?? '    ';
    const environmentsLine = lines.slice(start + 1, end).find((l) => /^\s*environments:/.test(l));
    let environments = Object.keys(settings.environments).sort();
    if (environmentsLine) {
      const listed = environmentsLine.match(/^\s*environments: \[((?:\s*'[a-z0-9-]+',?)*)\s*\],$/);
      if (!listed) refuse(`${where}: its environments line is not a literal list ops can read; edit it by hand.`);
      environments = [...listed![1].matchAll(/'([a-z0-9-]+)'/g)].map((m) => m[1]).sort();
    }
    return { name, file: where, definition: definition!, environments, lines, propsStart: start + 1, propsEnd: end, indent };
  }
  return refuse(`Service "${name}" does not exist: no file in ${SERVICES_DIR} declares it (known: ${known.sort().join(', ')}).`);
}

/** The environment, checked against the organisation and the service. */
function checkEnvironment(root: string, service: ServiceDefinitionFile, env: string): void {
  const settings = loadSettings(root);
  if (!settings.environments[env]) refuse(`Environment "${env}" does not exist (known: ${Object.keys(settings.environments).sort().join(', ')}).`);
  if (!service.environments.includes(env)) refuse(`Service "${service.name}" does not run in ${env} (it runs in ${service.environments.join(', ')}).`);
}

function checkOperation(service: ServiceDefinitionFile, operation: string): void {
  if (!OPERATIONS.includes(operation as Operation)) refuse(`Action "${operation}" is not one of ${OPERATIONS.join(', ')}.`);
  const offered = operationsOf(service.definition);
  if (!offered.includes(operation as Operation)) {
    refuse(`Service "${service.name}" (${service.definition.name}) cannot ${operation}: its golden path offers ${offered.length ? offered.join(', ') : 'no operations'}.`);
  }
}

const optionOf = (definition: GoldenPathDefinition, flag: string): GoldenPathOption => definition.options.find((o) => o.flag === flag)!;

/** A replica count from the command line, checked by the golden path's replicas rule and the service's maxReplicas. */
function replicaCount(service: ServiceDefinitionFile, text: string | undefined): number {
  const option = optionOf(service.definition, 'replicas');
  if (text === undefined) return refuse('Scaling needs --replicas <count>.');
  const value = /^-?[0-9]+$/.test(text.trim()) ? Number(text) : text;
  const problem = propValueProblem(option, value);
  if (problem) refuse(`--replicas "${text}" ${problem.replace(/, not a string$/, '')} (the ${service.definition.name} golden path's limit).`);
  const max = propLine(service, 'maxReplicas')?.match(/^\s*maxReplicas: ([0-9]+),$/);
  if (max && Number(value) > Number(max[1])) refuse(`--replicas ${value} is above the service's maxReplicas (${max[1]} in ${service.file}); raise maxReplicas first.`);
  return value as number;
}

function propLine(service: ServiceDefinitionFile, prop: string): string | undefined {
  return service.lines.slice(service.propsStart, service.propsEnd).find((l) => new RegExp(`^\\s*${prop}:`).test(l));
}

export interface CheckRequest {
  readonly operation: string;
  readonly service: string;
  readonly environment: string;
  readonly replicas?: string;
}

/** What the operations workflow acts on, after every check. */
export interface CheckedAction {
  readonly operation: Operation;
  readonly service: string;
  readonly environment: string;
  readonly namespace: string;
  /** deployment/<name> or cronjob/<name>. */
  readonly workload: string;
  readonly replicas?: number;
  /** The environment's region and EKS cluster (its kubeconfig context, named as the cluster). */
  readonly region: string;
  readonly cluster: string;
}

/** The operations workflow's input validation: every input checked before anything touches a cluster. */
export function checkAction(root: string, request: CheckRequest): CheckedAction {
  const service = findService(root, request.service);
  checkOperation(service, request.operation);
  checkEnvironment(root, service, request.environment);
  const operation = request.operation as Operation;
  const replicas = operation === 'scale' ? replicaCount(service, request.replicas) : undefined;
  if (operation !== 'scale' && request.replicas !== undefined && request.replicas !== '') refuse(`--replicas applies to scale only, not ${operation}.`);
  const kind = operationsOf(service.definition).includes('scale') ? 'deployment' : 'cronjob';
  const settings = loadSettings(root).environments[request.environment];
  return {
    operation,
    service: service.name,
    environment: request.environment,
    namespace: service.name,
    workload: `${kind}/${service.name}`,
    ...(replicas !== undefined ? { replicas } : {}),
    region: settings.region,
    cluster: eksCluster(request.environment, settings).cluster,
  };
}

/** A one-line change to a service file, not yet written. */
export interface DefinitionChange {
  readonly file: string;
  readonly before: string;
  readonly after: string;
  readonly summary: string;
  readonly branch: string;
  readonly commitMessage: string;
}

const envKey = (env: string) => (/^[a-z][a-z0-9]*$/.test(env) ? env : `'${env}'`);

/** Scales a service: `replicas` for every environment, or its entry in `replicasIn` for one. */
export function planScale(root: string, name: string, replicasText: string | undefined, env: string | undefined): DefinitionChange {
  const service = findService(root, name);
  checkOperation(service, 'scale');
  if (env !== undefined) checkEnvironment(root, service, env);
  const replicas = replicaCount(service, replicasText);
  const lines = [...service.lines];
  const inside = (i: number) => i >= service.propsStart && i < service.propsEnd;
  const indexOf = (prop: string) => lines.findIndex((l, i) => inside(i) && new RegExp(`^\\s*${prop}:`).test(l));
  let previous: string;
  if (env === undefined) {
    const at = indexOf('replicas');
    previous = at >= 0 ? lines[at].trim().replace(/^replicas: ([0-9]+),$/, '$1 replicas') : 'the golden path default';
    const line = `${service.indent}replicas: ${replicas},`;
    if (at >= 0 && !/^\s*replicas: [0-9]+,$/.test(lines[at])) refuse(`${service.file}: its replicas line is not a literal number ops can edit; edit it by hand.`);
    if (at >= 0) lines[at] = line;
    else lines.splice(service.propsEnd, 0, line);
  } else {
    const at = indexOf('replicasIn');
    const entries = new Map<string, number>();
    if (at >= 0) {
      const map = lines[at].match(/^\s*replicasIn: \{((?:\s*'?[a-z0-9-]+'?: [0-9]+,?)*)\s*\},$/);
      if (!map) refuse(`${service.file}: its replicasIn line is not a literal map ops can edit; edit it by hand.`);
      for (const m of map![1].matchAll(/'?([a-z0-9-]+)'?: ([0-9]+)/g)) entries.set(m[1], Number(m[2]));
    }
    previous = entries.has(env) ? `${entries.get(env)} replicas` : 'the service default';
    entries.set(env, replicas);
    const problem = propValueProblem(optionOf(service.definition, 'replicas-in'), Object.fromEntries(entries));
    if (problem) refuse(`${service.file}: replicasIn ${problem}.`);
    const line = `${service.indent}replicasIn: { ${[...entries].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${envKey(k)}: ${v}`).join(', ')} },`;
    if (at >= 0) lines[at] = line;
    else {
      const after = indexOf('replicas');
      lines.splice(after >= 0 ? after + 1 : service.propsEnd, 0, line);
    }
  }
  const where = env ? ` in ${env}` : ' in every environment';
  return change(service, lines, `${name}: minimum replicas${where} ${replicas} (was ${previous})`, `ops/scale-${name}-${env ?? 'all'}-${replicas}`, `Scale ${name} to ${replicas} replicas${where}`);
}

/** Rolls the service's image version back to the one before the current, from the file's git history. */
export function planRollback(root: string, name: string): DefinitionChange {
  const service = findService(root, name);
  checkOperation(service, 'rollback');
  const at = service.lines.findIndex((l, i) => i >= service.propsStart && i < service.propsEnd && /^\s*(version|image):/.test(l));
  const current = at >= 0 ? service.lines[at].match(/^(\s*)(version|image): '([^'\\]+)',$/) : null;
  if (!current) refuse(`Service "${name}" has no literal version or image line in ${service.file} to roll back.`);
  const [, indent, prop, value] = current!;
  const previous = previousValue(root, service.file, prop, value) ?? refuse(`Service "${name}" has no previous ${prop}: the git history of ${service.file} shows only ${value}.`);
  const problem = propValueProblem(optionOf(service.definition, prop), previous);
  if (problem) refuse(`The previous ${prop} "${previous}" of ${name} ${problem}.`);
  const lines = [...service.lines];
  lines[at] = `${indent}${prop}: '${previous}',`;
  return change(service, lines, `${name}: ${prop} ${previous} (was ${value})`, `ops/rollback-${name}-${previous.replace(/[^A-Za-z0-9._-]/g, '-')}`, `Roll ${name} back to ${prop} ${previous}`);
}

/** The last value of `prop` in the file's history that differs from the current one. */
function previousValue(root: string, file: string, prop: string, current: string): string | undefined {
  const git = (...args: string[]) => spawnSync('git', ['-C', root, ...args], { encoding: 'utf8' });
  const log = git('log', '--format=%H', '--', file);
  if (log.status !== 0) return undefined;
  const pattern = new RegExp(`^\\s*${prop}: '([^'\\\\]+)',$`, 'm');
  for (const commit of log.stdout.split('\n').filter(Boolean)) {
    const shown = git('show', `${commit}:${file.split(path.sep).join('/')}`);
    const value = shown.status === 0 ? shown.stdout.match(pattern)?.[1] : undefined;
    if (value && value !== current) return value;
  }
  return undefined;
}

function change(service: ServiceDefinitionFile, lines: string[], summary: string, branch: string, commitMessage: string): DefinitionChange {
  const before = service.lines.join('\n');
  const after = lines.join('\n');
  return { file: service.file, before, after, summary, branch, commitMessage };
}

/** Writes the change (atomically), unless the file changed since it was read. */
export function applyChange(root: string, planned: DefinitionChange): void {
  const file = path.join(root, planned.file);
  if (fs.readFileSync(file, 'utf8') !== planned.before) refuse(`${planned.file} changed while ops was editing it; run the command again.`);
  replaceFile(file, planned.after);
}
