import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError } from '../model/errors';
import type { ParsedFiles } from '../model/parsed-files';
import { joinPath } from '../catalog/terraform/configuration-blocks';

/**
 * The safety net behind the constructs' own validation and escaping: every `${...}` in what synth
 * wrote must be an expression of the shapes cdktf writes for the platform's own tokens, a
 * reference to a resource or data source the same stack declares (with attribute and index
 * traversal, also through `tolist(...)` of a set), or `jsonencode(...)` of literals and such references. Anything else (a function
 * call such as `${file("/etc/passwd")}`, an operator, a variable) came from a value a user wrote,
 * and synth stops naming where it is. `%{` directives are never written by the platform.
 */
export function checkPlatformExpressions(outdir: string): ParsedFiles {
  const parsed = new Map<string, unknown>();
  const stacks = fs.readdirSync(path.join(outdir, 'stacks'));
  throwOnExpressionProblems(new Map(stacks.map((stack) => [stack, stackExpressionProblems(outdir, stack, parsed)])));
  return parsed;
}

/** The problems of one synthesized stack; its parsed JSON is left in `parsed` for the analysis. */
export function stackExpressionProblems(outdir: string, stack: string, parsed?: Map<string, unknown>): string[] {
  const problems: string[] = [];
  const file = path.resolve(outdir, 'stacks', stack, 'cdk.tf.json');
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  parsed?.set(file, json);
  const declared = new Set<string>();
  for (const [type, byName] of Object.entries<Record<string, unknown>>(json.resource ?? {})) for (const name of Object.keys(byName)) declared.add(`${type}.${name}`);
  for (const [type, byName] of Object.entries<Record<string, unknown>>(json.data ?? {})) for (const name of Object.keys(byName)) declared.add(`data.${type}.${name}`);
  for (const block of ['resource', 'data', 'provider', 'output', 'locals', 'terraform']) {
    walkStrings(json[block], [block], (text, where) => {
      const problem = templateProblem(text, declared);
      if (problem) problems.push(`${stack} ${placeOf(where)}: ${problem}; a value from props or settings must reach Terraform as a literal.`);
    });
  }
  return problems;
}

/** Synth stops on the first 20 problems, in stack order, whichever thread found them. */
export function throwOnExpressionProblems(byStack: ReadonlyMap<string, readonly string[]>): void {
  const problems = [...byStack.keys()].sort().flatMap((stack) => byStack.get(stack)!);
  if (problems.length) throw new GroundworkError('Synth stopped: the output holds Terraform expressions the platform did not write:', problems.slice(0, 20));
}

/** Where a string sits, spelled out only for a problem: `resource.aws_s3_bucket.logs.tags[0]`. */
const placeOf = (at: ReadonlyArray<string | number>): string => at.reduce<string>(joinPath, '');

/** Every string with where it sits (a path of keys and indexes, the same array throughout the walk). */
function walkStrings(value: unknown, at: Array<string | number>, visit: (text: string, where: ReadonlyArray<string | number>) => void): void {
  if (typeof value === 'string') {
    visit(value, at);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      at.push(i);
      walkStrings(value[i], at, visit);
      at.pop();
    }
  } else if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      if (k === '//') continue;
      at.push(k);
      walkStrings((value as Record<string, unknown>)[k], at, visit);
      at.pop();
    }
  }
}

const REFERENCE = /^(data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+(\.[A-Za-z_][A-Za-z0-9_-]*|\[[0-9]+\])*$/;
/** Named values cdktf itself writes (the workspace of a remote state). */
const CDKTF_NAMED_VALUES = new Set(['terraform.workspace']);

/** Why a template string holds an expression the platform does not write, or undefined. */
export function templateProblem(text: string, declared: ReadonlySet<string>): string | undefined {
  if (!text.includes('{')) return undefined;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '%' && text[i + 1] === '{') {
      if (text[i - 1] === '%' ) continue;
      return `holds the template directive ${JSON.stringify(text.slice(i, i + 40))}`;
    }
    if (text[i] !== '$' || text[i + 1] !== '{') continue;
    if (text[i - 1] === '$') continue; // `$${` is an escaped literal
    const end = closingBrace(text, i + 2);
    if (end < 0) return `holds an unterminated expression ${JSON.stringify(text.slice(i, i + 40))}`;
    const expression = text.slice(i + 2, end).trim();
    const problem = expressionProblem(expression, declared);
    if (problem) return `holds the expression \${${expression.length > 60 ? `${expression.slice(0, 60)}…` : expression}}, ${problem}`;
    i = end;
  }
  return undefined;
}

/** `tolist(<reference>).0.attr` (or `[0]`): how cdktf indexes a set attribute (an ACM certificate's validation options). */
const SET_ELEMENT = /^tolist\(([^()]+)\)((?:\.[A-Za-z_][A-Za-z0-9_-]*|\.[0-9]+|\[[0-9]+\])*)$/;

function expressionProblem(expression: string, declared: ReadonlySet<string>): string | undefined {
  if (REFERENCE.test(expression)) return referenceProblem(expression, declared);
  const element = expression.match(SET_ELEMENT);
  if (element && REFERENCE.test(element[1])) return referenceProblem(element[1], declared);
  const call = expression.match(/^jsonencode\(([\s\S]*)\)$/);
  if (!call) return 'which is neither a reference to a resource of the stack nor jsonencode of literals';
  return literalStructureProblem(call[1], declared);
}

function referenceProblem(reference: string, declared: ReadonlySet<string>): string | undefined {
  if (CDKTF_NAMED_VALUES.has(reference)) return undefined;
  const parts = reference.split(/[.[]/);
  const address = reference.startsWith('data.') ? parts.slice(0, 3).join('.') : parts.slice(0, 2).join('.');
  return declared.has(address) ? undefined : `which refers to ${address}, not declared in this stack`;
}

/** Inside jsonencode: strings (their templates checked too), numbers, true/false/null, { } [ ] = , : and references. */
function literalStructureProblem(text: string, declared: ReadonlySet<string>): string | undefined {
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/[\s{}[\]=,:]/.test(c)) {
      i++;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return 'with an unterminated string';
      const problem = templateProblem(hclString(text.slice(i, end + 1)), declared);
      if (problem) return `with a string that ${problem}`;
      i = end + 1;
    } else {
      const word = text.slice(i).match(/^(-?[0-9][0-9.eE+-]*|true|false|null|(data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+(\.[A-Za-z_][A-Za-z0-9_-]*|\[[0-9]+\])*)/);
      if (!word) return `with ${JSON.stringify(text.slice(i, i + 30))}, which is not a literal or a reference`;
      if (/^(data\.)?[a-z]/.test(word[0]) && !['true', 'false', 'null'].includes(word[0])) {
        const problem = referenceProblem(word[0], declared);
        if (problem) return problem;
        if (text.slice(i + word[0].length).trimStart().startsWith('(')) return `calling ${word[0]}(…)`;
      }
      i += word[0].length;
    }
  }
  return undefined;
}

/** An HCL string literal's text (its escapes are JSON's for what the platform writes); the raw text when not. */
function hclString(literal: string): string {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return literal.slice(1, -1);
  }
}

/** Index of the `}` closing an expression opened before `from`, skipping strings and nested braces. */
function closingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return -1;
      i = end;
    } else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** Index of the quote closing the HCL string that opens at `start`, nested templates included. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '$' && text[i + 1] === '{' && text[i - 1] !== '$') {
      const end = closingBrace(text, i + 2);
      if (end < 0) return -1;
      i = end;
    } else if (text[i] === '"') return i;
  }
  return -1;
}
