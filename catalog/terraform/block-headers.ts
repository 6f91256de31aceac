/**
 * The line each top-level block of a configuration file starts on (hcl2json gives no positions):
 * `resource "aws_s3_bucket" "logs" {` -> `resource.aws_s3_bucket.logs` at line 12, so findings can
 * name file and line. HCL is scanned token by token, skipping comments, strings (with their
 * `${...}` templates) and heredocs, so a header written inside one of those is never taken for a
 * block. JSON files are read with jsonc-parser, which gives offsets.
 */
import { findNodeAtLocation, Node, parseTree } from 'jsonc-parser';
import { GroundworkError } from '../../model/errors';
import { MAX_JSON_DEPTH } from '../../model/read-json';

/** Block key (`resource.<type>.<name>`, `data.<type>.<name>`, `module.<name>`, ...) -> 1-based line. */
export type HeaderLines = ReadonlyMap<string, number>;

const LABELS: Record<string, number> = { resource: 2, data: 2, module: 1, variable: 1, output: 1, provider: 1 };

/**
 * Header lines of an HCL (.tf) file. `shown` names it when it nests deeper than MAX_JSON_DEPTH
 * (brackets, braces, parentheses or templates): refused before a parser recurses into it.
 */
export function hclHeaderLines(text: string, shown = 'the file'): HeaderLines {
  const tooDeep = () => new GroundworkError(`${shown} nests more than ${MAX_JSON_DEPTH} levels deep: not a configuration to read.`);
  let nesting = 0;
  const lines = new Map<string, number>();
  let line = 1;
  let depth = 0;
  let words: string[] = [];
  let headerLine = 0;
  let i = 0;
  const newlinesIn = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) line++;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      newlinesIn(i, stop);
      i = stop;
    } else if (c === '"') {
      const start = i;
      i = skipString(text, i, nesting, tooDeep);
      if (depth === 0) {
        if (!words.length) headerLine = line;
        words.push(text.slice(start + 1, i - 1));
      }
      newlinesIn(start, i);
    } else if (c === '<' && text[i + 1] === '<' && /[-A-Za-z_]/.test(text[i + 2] ?? '')) {
      const start = i;
      i = skipHeredoc(text, i);
      newlinesIn(start, i);
    } else if (c === '{') {
      if (depth === 0 && words.length) {
        const labels = LABELS[words[0]];
        if (labels !== undefined && words.length === labels + 1) lines.set(words.join('.'), headerLine);
      }
      words = [];
      depth++;
      if (++nesting > MAX_JSON_DEPTH) throw tooDeep();
      i++;
    } else if (c === '}') {
      depth = Math.max(0, depth - 1);
      nesting = Math.max(0, nesting - 1);
      words = [];
      i++;
    } else if (c === '[' || c === '(') {
      if (++nesting > MAX_JSON_DEPTH) throw tooDeep();
      words = [];
      i++;
    } else if (c === ']' || c === ')') {
      nesting = Math.max(0, nesting - 1);
      words = [];
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (i < text.length && /[-A-Za-z0-9_]/.test(text[i])) i++;
      if (depth === 0) {
        if (!words.length) headerLine = line;
        words.push(text.slice(start, i));
      }
    } else {
      if (depth === 0 && !/\s/.test(c)) words = [];
      i++;
    }
  }
  return lines;
}

/** Refuses HCL nesting deeper than MAX_JSON_DEPTH before any parser recurses into it (the HCL parser's stack is the WebAssembly module's). */
export function checkHclNesting(text: string, shown: string): void {
  hclHeaderLines(text, shown);
}

/** Past a quoted string starting at `i`, templates (`${ "a" }`, `%{ }`) included; `nesting` deep already. */
function skipString(text: string, i: number, nesting: number, tooDeep: () => Error): number {
  i++;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else if ((c === '$' || c === '%') && text[i + 1] === '{') i = skipTemplate(text, i + 2, nesting + 1, tooDeep);
    else if (c === '\n') return i; // an unterminated string: HCL refuses it; stop at the line's end
    else i++;
  }
  return i;
}

/** Past the `}` closing a template interpolation whose body starts at `i`. */
function skipTemplate(text: string, i: number, nesting: number, tooDeep: () => Error): number {
  if (nesting > MAX_JSON_DEPTH) throw tooDeep();
  let depth = 1;
  while (i < text.length && depth > 0) {
    const c = text[i];
    if (c === '"') i = skipString(text, i, nesting + depth, tooDeep);
    else {
      if (c === '{' || c === '[' || c === '(') depth++;
      else if (c === '}' || c === ']' || c === ')') depth--;
      if (nesting + depth > MAX_JSON_DEPTH) throw tooDeep();
      i++;
    }
  }
  return i;
}

/** Past a heredoc (`<<EOT` or `<<-EOT` ... a line holding only EOT). */
function skipHeredoc(text: string, i: number): number {
  const marker = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 200));
  if (!marker) return i + 2;
  let at = i + marker[0].length;
  while (at < text.length) {
    const end = text.indexOf('\n', at);
    const lineText = text.slice(at, end < 0 ? text.length : end);
    if (lineText.trim() === marker[1]) return end < 0 ? text.length : end;
    if (end < 0) return text.length;
    at = end + 1;
  }
  return text.length;
}

/** Header lines of a Terraform JSON (.tf.json) file: where each block's key is written. */
export function jsonHeaderLines(text: string): HeaderLines {
  const lines = new Map<string, number>();
  const tree = parseTree(text);
  if (!tree) return lines;
  const newlines: number[] = [];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) newlines.push(k);
  // The line of an offset: one more than the newlines before it (binary search).
  const lineOf = (node: Node) => {
    let low = 0;
    let high = newlines.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (newlines[mid] < node.offset) low = mid + 1;
      else high = mid;
    }
    return low + 1;
  };
  const keysOf = (node: Node | undefined): Array<[string, Node]> =>
    node?.type === 'object' ? (node.children ?? []).filter((p) => p.children?.[0]).map((p) => [String(p.children![0].value), p.children![0]]) : [];
  for (const [block, labels] of Object.entries(LABELS)) {
    const container = findNodeAtLocation(tree, [block]);
    if (labels === 1) for (const [name, key] of keysOf(container)) lines.set(`${block}.${name}`, lineOf(key));
    else for (const [type, typeKey] of keysOf(container)) for (const [name, key] of keysOf(typeKey.parent?.children?.[1])) lines.set(`${block}.${type}.${name}`, lineOf(key));
  }
  return lines;
}
