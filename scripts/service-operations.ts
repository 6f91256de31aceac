/**
 * Day-2 operations on a service's definition (`npm run ops`): checks an action against the
 * service, its golden path and the organisation (what the operations workflow runs first), and
 * writes the lasting ones (scale, version rollback) into stacks/services/<file>.ts as a one-line
 * change: the file is parsed (service-source.ts), only a literal value is replaced, and the edited
 * service must build as synth builds it (service-build-check.ts) before anything is written.
 * Bad input changes nothing.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { GroundworkError } from '../model/errors';
import { replaceFile } from '../model/atomic-write';
import { NAME_PATTERN } from '../model/ownership-record';
import { eksCluster } from '../model/pipeline-roles';
import { GoldenPathDefinition, GoldenPathOption, Operation, operationsOf } from '../golden-paths/golden-path-definition';
import { propValueProblem } from '../golden-paths/props-validation';
import { goldenPaths } from '../golden-paths/registry';
import { loadSettings, SERVICES_DIR, SETTINGS_FILE } from './scaffold-service';
import { buildProblem } from './service-build-check';
import { applyEdits, Literal, literalOf, parseSource, propertyName, ServiceCall, serviceCalls, TextEdit } from './service-source';

export const OPERATIONS: readonly Operation[] = ['restart', 'rollback', 'scale'];

/** A service as its file in stacks/services declares it. */
export interface ServiceDefinitionFile {
  readonly name: string;
  /** Relative to the project root. */
  readonly file: string;
  readonly definition: GoldenPathDefinition;
  readonly environments: readonly string[];
  /** The file's text as read. */
  readonly text: string;
  /** Its golden path call, parsed. */
  readonly call: ServiceCall;
  /** The indentation of its props. */
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
    const where = path.join(SERVICES_DIR, file);
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const calls = serviceCalls(parseSource(where, text));
    known.push(...calls.map((c) => c.name));
    const call = calls.find((c) => c.name === name);
    if (!call) continue;
    const definition = goldenPaths().find((p) => p.className === call.className);
    if (!definition) refuse(`${where} declares ${name} with ${call.className}, which is not a golden path (${goldenPaths().map((p) => p.className).join(', ')}).`);
    if (call.props.properties.some((p) => ts.isSpreadAssignment(p))) refuse(`${where}: the props of ${name} use a spread (...), so ops cannot tell where each prop is set; edit it by hand.`);
    const service = { name, file: where, definition: definition!, environments: Object.keys(settings.environments).sort(), text, call, indent: indentOf(call) };
    const listed = literalProp(service, 'environments');
    if (!listed) return service;
    const environments = listed.value;
    if (!Array.isArray(environments) || !environments.every((e) => typeof e === 'string')) {
      return refuse(`${where}: its environments prop is not a literal list ops can read; edit it by hand.`);
    }
    return { ...service, environments: [...(environments as string[])].sort() };
  }
  return refuse(`Service "${name}" does not exist: no file in ${SERVICES_DIR} declares it (known: ${known.sort().join(', ')}).`);
}

/** The leading white space of the line of the first prop (four spaces where there is none). */
function indentOf(call: ServiceCall): string {
  const first = call.props.properties[0];
  if (!first) return '    ';
  const text = call.source.text;
  const lineStart = text.lastIndexOf('\n', first.getStart(call.source)) + 1;
  return text.slice(lineStart, first.getStart(call.source)).match(/^[ \t]*$/)?.[0] || '    ';
}

/**
 * The prop's assignment in the props object, if written there. A prop given in a way ops cannot
 * edit with certainty (twice, or shorthand) is refused.
 */
function propAssignment(service: ServiceDefinitionFile, prop: string): ts.PropertyAssignment | undefined {
  const { properties } = service.call.props;
  const named = properties.filter((p) => p.name !== undefined && propertyName(p.name) === prop);
  if (named.length > 1) refuse(`${service.file}: prop ${prop} of ${service.name} is written ${named.length} times; keep one and run ops again.`);
  if (named.length && !ts.isPropertyAssignment(named[0])) refuse(`${service.file}: prop ${prop} of ${service.name} is not written as "${prop}: <value>"; edit it by hand.`);
  return named[0] as ts.PropertyAssignment | undefined;
}

/** The prop's value where it is written as a literal; refused where it is written as anything else. */
export function literalProp(service: ServiceDefinitionFile, prop: string): { readonly assignment: ts.PropertyAssignment; readonly value: Literal } | undefined {
  const assignment = propAssignment(service, prop);
  if (!assignment) return undefined;
  const value = literalOf(assignment.initializer);
  if (value === undefined) {
    const written = assignment.initializer.getText(service.call.source).replace(/\s+/g, ' ');
    return refuse(`${service.file}: prop ${prop} of ${service.name} is ${written.length > 60 ? `${written.slice(0, 57)}...` : written}, not a literal value ops can read or edit; edit it by hand.`);
  }
  return { assignment, value };
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
  // A maxReplicas that is not a literal (3 * 3) is checked where the edit is built, as synth would.
  const written = propAssignment(service, 'maxReplicas');
  const max = written && literalOf(written.initializer);
  if (typeof max === 'number' && Number(value) > max) refuse(`--replicas ${value} is above the service's maxReplicas (${max} in ${service.file}); raise maxReplicas first.`);
  return value as number;
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
/** A string as a single-quoted TypeScript literal, as the service files write them. */
const quoted = (value: string) => `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;

/**
 * Sets a prop to a literal: replaces exactly the text of its value where it is written (a value
 * that is not a literal is refused), else adds it on a line of its own after `after` (or last).
 */
export function setProp(service: ServiceDefinitionFile, prop: string, valueText: string, after?: string): TextEdit {
  const written = propAssignment(service, prop);
  if (written) {
    literalProp(service, prop);
    return { start: written.initializer.getStart(service.call.source), end: written.initializer.getEnd(), text: valueText };
  }
  const { properties } = service.call.props;
  const anchor = (after !== undefined ? propAssignment(service, after) : undefined) ?? properties[properties.length - 1];
  return insertProperty(service, service.call.props, anchor, `${prop}: ${valueText}`, service.indent, true);
}

/**
 * A `key: value` added to an object literal after `anchor` (or first): on a line of its own with
 * `indent` where the object is written over several lines, else inline (`{ a: 1, b: 2 }`), so the
 * file keeps its layout; a comment that ends the anchor's line stays with the anchor.
 */
function insertProperty(service: ServiceDefinitionFile, object: ts.ObjectLiteralExpression, anchor: ts.Node | undefined, property: string, indent: string, multiLine: boolean): TextEdit {
  const text = service.text;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const separator = multiLine ? `${newline}${indent}` : ' ';
  if (!anchor) {
    const open = object.getStart(service.call.source) + 1;
    return multiLine ? { start: open, end: open, text: `${separator}${property},` } : { start: open, end: object.getEnd() - 1, text: ` ${property} ` };
  }
  const comma = text.slice(anchor.getEnd()).match(/^\s*,/);
  if (!comma) return { start: anchor.getEnd(), end: anchor.getEnd(), text: `,${separator}${property}` };
  // After the comma; past a comment that ends the anchor's line, so that the comment stays with it.
  const afterComma = anchor.getEnd() + comma[0].length;
  const restOfLine = text.slice(afterComma).match(/^[^\r\n]*/)![0];
  const at = multiLine && /^\s*(\/\/.*)?$/.test(restOfLine) ? afterComma + restOfLine.length : afterComma;
  return { start: at, end: at, text: multiLine ? `${separator}${property},` : ` ${property},` };
}

/** The leading white space of the line a node starts on. */
function lineIndent(service: ServiceDefinitionFile, node: ts.Node): string {
  const start = node.getStart(service.call.source);
  const lineStart = service.text.lastIndexOf('\n', start) + 1;
  return service.text.slice(lineStart, start).match(/^[ \t]*/)![0];
}

/**
 * Sets one entry of a map prop (`replicasIn: { production: 4 }`): replaces exactly the entry's
 * value where it is written, else adds the entry in the map's own layout; writes the prop when it
 * is absent. The map must be a literal: a spread, a computed key or a value that is not a literal
 * is refused, as is an entry written twice.
 */
function setMapEntry(service: ServiceDefinitionFile, prop: string, key: string, valueText: string, after?: string): TextEdit {
  const written = literalProp(service, prop);
  if (!written) return setProp(service, prop, `{ ${envKey(key)}: ${valueText} }`, after);
  let map: ts.Expression = written.assignment.initializer;
  while (ts.isParenthesizedExpression(map) || ts.isAsExpression(map) || ts.isSatisfiesExpression(map)) map = map.expression;
  if (!ts.isObjectLiteralExpression(map)) return refuse(`${service.file}: prop ${prop} of ${service.name} is not a literal map ops can edit; edit it by hand.`);
  const entries = map.properties.filter((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyName(p.name) === key);
  if (entries.length > 1) return refuse(`${service.file}: ${prop}.${key} of ${service.name} is written ${entries.length} times; keep one and run ops again.`);
  if (entries.length) return { start: entries[0].initializer.getStart(service.call.source), end: entries[0].initializer.getEnd(), text: valueText };
  const last = map.properties[map.properties.length - 1];
  const multiLine = /[\r\n]/.test(service.text.slice(map.getStart(service.call.source), last ? last.getStart(service.call.source) : map.getEnd()));
  return insertProperty(service, map, last, `${envKey(key)}: ${valueText}`, last ? lineIndent(service, last) : `${service.indent}  `, multiLine);
}

/** Scales a service: `replicas` for every environment, or its entry in `replicasIn` for one. */
export function planScale(root: string, name: string, replicasText: string | undefined, env: string | undefined): DefinitionChange {
  const service = findService(root, name);
  checkOperation(service, 'scale');
  if (env !== undefined) checkEnvironment(root, service, env);
  const replicas = replicaCount(service, replicasText);
  let previous: string;
  let edit: TextEdit;
  if (env === undefined) {
    const current = literalProp(service, 'replicas')?.value;
    previous = current === undefined ? 'the golden path default' : `${String(current)} replicas`;
    edit = setProp(service, 'replicas', String(replicas));
  } else {
    const current = literalProp(service, 'replicasIn')?.value ?? {};
    if (typeof current !== 'object' || Array.isArray(current)) return refuse(`${service.file}: prop replicasIn of ${name} is not a literal map ops can edit; edit it by hand.`);
    const entries = new Map(Object.entries(current as Record<string, Literal>));
    previous = entries.has(env) ? `${String(entries.get(env))} replicas` : 'the service default';
    entries.set(env, replicas);
    const problem = propValueProblem(optionOf(service.definition, 'replicas-in'), Object.fromEntries(entries));
    if (problem) refuse(`${service.file}: replicasIn ${problem}.`);
    edit = setMapEntry(service, 'replicasIn', env, String(replicas), 'replicas');
  }
  const where = env ? ` in ${env}` : ' in every environment';
  const what = env ? `replicasIn ${env}: ${replicas}` : `replicas: ${replicas}`;
  return change(root, service, edit, what, `${name}: minimum replicas${where} ${replicas} (was ${previous})`, `ops/scale-${name}-${env ?? 'all'}-${replicas}`, `Scale ${name} to ${replicas} replicas${where}`);
}

/** Rolls the service's image version back to the one before the current, from the file's git history. */
export function planRollback(root: string, name: string): DefinitionChange {
  const service = findService(root, name);
  checkOperation(service, 'rollback');
  const prop = ['version', 'image'].find((p) => propAssignment(service, p));
  const value = prop ? literalProp(service, prop)!.value : undefined;
  if (!prop || typeof value !== 'string') return refuse(`Service "${name}" has no literal version or image in ${service.file} to roll back.`);
  const previous = previousValue(root, service, prop, value) ?? refuse(`Service "${name}" has no previous ${prop}: the git history of ${service.file} shows only ${value}.`);
  const problem = propValueProblem(optionOf(service.definition, prop), previous);
  if (problem) refuse(`The previous ${prop} "${previous}" of ${name} ${problem}.`);
  const edit = setProp(service, prop, quoted(previous));
  return change(root, service, edit, `${prop}: ${quoted(previous)}`, `${name}: ${prop} ${previous} (was ${value})`, `ops/rollback-${name}-${previous.replace(/[^A-Za-z0-9._-]/g, '-')}`, `Roll ${name} back to ${prop} ${previous}`);
}

/** The last literal value of the service's `prop` in the file's history that differs from the current one. */
function previousValue(root: string, service: ServiceDefinitionFile, prop: string, current: string): string | undefined {
  const git = (...args: string[]) => spawnSync('git', ['-C', root, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const log = git('log', '--format=%H', '--', service.file);
  if (log.status !== 0) return undefined;
  for (const commit of log.stdout.split('\n').filter(Boolean)) {
    const shown = git('show', `${commit}:${service.file.split(path.sep).join('/')}`);
    if (shown.status !== 0) continue;
    const call = serviceCalls(parseSource(service.file, shown.stdout)).find((c) => c.name === service.name);
    const written = call?.props.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyName(p.name) === prop);
    const value = written ? literalOf(written.initializer) : undefined;
    if (typeof value === 'string' && value !== current) return value;
  }
  return undefined;
}

/**
 * The change, once the edited file is known to build as synth builds it: the golden path's props
 * validation and the constructs' own rules run on the edited service in memory. Otherwise one
 * sentence, and the file stays as it is.
 */
export function change(root: string, service: ServiceDefinitionFile, edit: TextEdit, what: string, summary: string, branch: string, commitMessage: string): DefinitionChange {
  const before = service.text;
  const after = applyEdits(before, [edit]);
  if (after !== before) {
    const functionName = service.call.functionName ?? refuse(`${service.file}: ${service.name} is not made in an exported function, so ops cannot check the edit as synth would; edit it by hand.`);
    const problem = buildProblem(loadSettings(root), SETTINGS_FILE, service.file, functionName, after);
    if (problem) refuse(`Service "${service.name}" would not synthesize with ${what} in ${service.file} (${problem}), so the file is unchanged.`);
  }
  return { file: service.file, before, after, summary, branch, commitMessage };
}

/** Writes the change (atomically), unless the file changed since it was read. */
export function applyChange(root: string, planned: DefinitionChange): void {
  const file = path.join(root, planned.file);
  if (fs.readFileSync(file, 'utf8') !== planned.before) refuse(`${planned.file} changed while ops was editing it; run the command again.`);
  replaceFile(file, planned.after);
}
