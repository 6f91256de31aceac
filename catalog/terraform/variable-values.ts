/**
 * The values of a root configuration's variables as Terraform loads them, later sources
 * overriding earlier ones: TF_VAR_<name> environment variables, terraform.tfvars,
 * terraform.tfvars.json, *.auto.tfvars(.json) in lexical order, then --var-file and --var in the
 * order given. Each value is converted to the variable's declared type, as Terraform converts it;
 * one that cannot be is one sentence naming the variable and where it was set, never the value.
 */
import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError } from '../../model/errors';
import { checkNesting, parseJson } from '../../model/read-json';
import { readBoundedFile } from '../../model/safe-read';
import { compareText } from '../../model/stable-json';
import type { Value } from './hcl-expression';
import { parseHcl } from './hcl-parser';
import { holdsExpression, literalOf } from './hcl-syntax';
import { Json, membersOf } from '../../model/json-object';

/** A `--var-file <file>` or `--var <name>=<value>` argument, in the order given. */
export type VariableArgument = { readonly file: string } | { readonly assignment: string };

const COMPLEX_TYPE = /^\s*(list|set|map|object|tuple)\s*\(/;
const declaredType = (body: Json | undefined): string => (typeof body?.type === 'string' ? body.type.trim() : 'any');

/** A value converted to a declared type (primitive conversions as Terraform makes them), or undefined when it cannot be. */
function converted(value: unknown, type: string): unknown {
  if (value === null) return null;
  if (type === 'string') return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
  if (type === 'number') {
    if (typeof value === 'number') return value;
    return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined;
  }
  if (type === 'bool') return typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : undefined;
  const collection = /^\s*(list|set|tuple|map|object)\s*\(/.exec(type)?.[1];
  if (collection === 'list' || collection === 'set' || collection === 'tuple') return Array.isArray(value) ? value : undefined;
  if (collection === 'map' || collection === 'object') return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  return value;
}

function typed(name: string, value: unknown, declared: Json | undefined, where: string): Value {
  const type = declaredType(declared);
  const out = converted(value, type);
  if (out === undefined) throw new GroundworkError(`${where}: the value given for var.${name} is not a ${type}, the type it declares.`);
  return out as Value;
}

/** A variables file's values: HCL (`name = value`) or JSON, constants only. */
function fileValues(file: string, shown: string, root: string): Record<string, unknown> {
  const text = readBoundedFile(file, shown, { root });
  if (file.endsWith('.json')) {
    const json = parseJson(text, shown, 'fix the file');
    checkNesting(json, shown);
    if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new GroundworkError(`${shown} must hold one JSON object of variable values.`);
    return json as Record<string, unknown>;
  }
  const parsed = parseHcl(text, shown);
  checkNesting(parsed, shown);
  for (const [name, value] of Object.entries(parsed)) {
    if (holdsExpression(value)) throw new GroundworkError(`${shown}: var.${name} is set to an expression; a variables file holds only constant values.`);
  }
  return literalOf(parsed) as Record<string, unknown>;
}

/** A value given as text (--var, TF_VAR_): literal for a primitive type, an HCL constant for a collection, as Terraform reads it. */
function textValue(name: string, text: string, declared: Json | undefined, where: string): unknown {
  if (!COMPLEX_TYPE.test(declaredType(declared))) return text;
  let parsed: Record<string, unknown>;
  try {
    parsed = parseHcl(`value = ${text}\n`, where);
  } catch {
    throw new GroundworkError(`${where}: the value given for var.${name} is not an HCL ${declaredType(declared)}.`);
  }
  if (holdsExpression(parsed.value)) throw new GroundworkError(`${where}: the value given for var.${name} is an expression; only constant values are accepted.`);
  return literalOf(parsed.value);
}

/** The automatically loaded variables files of a folder, in Terraform's order. */
function automaticFiles(dir: string): string[] {
  const names = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  const auto = names.filter((n) => n.endsWith('.auto.tfvars') || n.endsWith('.auto.tfvars.json')).sort(compareText);
  return [...['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => names.includes(n)), ...auto];
}

/**
 * The given values of the variables `json` declares (root configuration in `dir`, files shown
 * relative to `top`, read inside `root`). Values for variables it does not declare are ignored,
 * as Terraform ignores them in files (scripts check --var names against every root).
 */
export function rootVariableValues(json: Json, dir: string, top: string, root: string, args: readonly VariableArgument[] = [], env: NodeJS.ProcessEnv = process.env): Map<string, Value> {
  const declared = new Map<string, Json>(Object.entries(membersOf(json.variable)).map(([name, body]) => [name, ((Array.isArray(body) ? body[0] : body) ?? {}) as Json]));
  const values = new Map<string, Value>();
  const set = (name: string, value: unknown, where: string) => {
    if (declared.has(name)) values.set(name, typed(name, value, declared.get(name), where));
  };
  for (const key of Object.keys(env).sort(compareText)) {
    if (key.startsWith('TF_VAR_') && declared.has(key.slice(7))) set(key.slice(7), textValue(key.slice(7), env[key] ?? '', declared.get(key.slice(7)), `the environment variable ${key}`), `the environment variable ${key}`);
  }
  const fromFile = (file: string, shown: string) => {
    for (const [name, value] of Object.entries(fileValues(file, shown, root))) set(name, value, shown);
  };
  for (const name of automaticFiles(dir)) fromFile(path.join(dir, name), path.relative(top, path.join(dir, name)) || name);
  for (const arg of args) {
    if ('file' in arg) fromFile(path.resolve(arg.file), arg.file);
    else {
      const at = arg.assignment.indexOf('=');
      const name = arg.assignment.slice(0, at);
      if (at <= 0 || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) throw new GroundworkError(`--var ${at > 0 ? name : '(a value)'}: write it as --var <name>=<value>.`);
      if (declared.has(name)) set(name, textValue(name, arg.assignment.slice(at + 1), declared.get(name), `--var ${name}`), `--var ${name}`);
    }
  }
  return values;
}

/** The names --var sets, to check each against the root configurations' declarations. */
export function assignedNames(args: readonly VariableArgument[]): string[] {
  return args.flatMap((a) => ('assignment' in a ? [a.assignment.slice(0, Math.max(0, a.assignment.indexOf('=')))] : []));
}
