import { printParseErrorCode, visit } from 'jsonc-parser';
import { GroundworkError } from './errors';
import { BoundedReadOptions, readBoundedFile } from './safe-read';
import { readablePath } from './schema-validator';

/**
 * The deepest nesting of objects and arrays an input may have: 200 levels. Terraform
 * configuration, plans and settings stay far below it; the readers walk values recursively, and a
 * value nested thousands deep would overflow their stack.
 */
export const MAX_JSON_DEPTH = 200;

/**
 * A JSON file, or one sentence naming it (`what`, e.g. "The price table prices/us-east-1.json")
 * and saying what to do (`remedy`). Read as readBoundedFile reads (a regular file, bounded, inside
 * `root` when given), parsed, and its nesting bounded by MAX_JSON_DEPTH.
 */
export function readJsonFile(file: string, what: string, remedy?: string, options: BoundedReadOptions = {}): unknown {
  const json = parseJson(readBoundedFile(file, what, options), what, remedy);
  checkNesting(json, what);
  return json;
}

/** JSON text parsed, or one sentence with where the text stops being JSON: a position, never the text there (it may be anything). */
export function parseJson(text: string, what: string, remedy?: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new GroundworkError(`${what} is not valid JSON: ${syntaxError(text, (error as Error).message)}${remedy ? `; ${remedy}` : ''}.`);
  }
}

/** Where and what, found by a second, strict scan (V8's message quotes the text around the error). */
function syntaxError(text: string, v8Message: string): string {
  let found: { offset: number; problem: string } | undefined;
  try {
    visit(
      text,
      {
        onError(code, offset) {
          found = { offset, problem: words(printParseErrorCode(code)) };
          throw found; // the first error is the one to name
        },
      },
      { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
    );
  } catch (stop) {
    if (stop !== found) throw stop;
  }
  const offset = found?.offset ?? Number(/at position (\d+)/.exec(v8Message)?.[1] ?? NaN);
  const problem = found?.problem ?? (/^Unexpected end/.test(v8Message) ? 'unexpected end of input' : 'unexpected character');
  if (Number.isNaN(offset)) return problem;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${problem} at line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/** `PropertyNameExpected` reads as "property name expected". */
const words = (code: string): string => code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** Path of the first value nested deeper than `maxDepth` (the top-level value is level 1), walked without recursion. */
export function tooDeep(json: unknown, maxDepth = MAX_JSON_DEPTH): Array<string | number> | undefined {
  return nestsDeeper(json, maxDepth) ? deepPath(json, maxDepth) : undefined;
}

/** The common case, fast: depth only, no keys kept (a 1,000-service output walks in about a sixth of its parse time). */
function nestsDeeper(json: unknown, maxDepth: number): boolean {
  const values: unknown[] = [json];
  const depths: number[] = [1];
  const push = (child: unknown, depth: number): boolean => {
    if (typeof child !== 'object' || child === null) return false;
    if (depth > maxDepth) return true;
    values.push(child);
    depths.push(depth);
    return false;
  };
  if (!isContainer(json)) return false;
  while (values.length) {
    const value = values.pop() as any;
    const depth = depths.pop()! + 1;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (push(value[i], depth)) return true;
    } else {
      for (const key in value) if (push(value[key], depth)) return true;
    }
  }
  return false;
}

/** Where the first too-deep value is, for the sentence: only walked once one is known to exist. */
function deepPath(json: unknown, maxDepth: number): Array<string | number> | undefined {
  const frames: Array<{ value: any; keys: string[] | undefined; next: number; key: string | number }> = [frame(json, '')];
  while (frames.length) {
    const top = frames[frames.length - 1];
    const count = top.keys ? top.keys.length : top.value.length;
    if (top.next >= count) {
      frames.pop();
      continue;
    }
    const key = top.keys ? top.keys[top.next] : top.next;
    top.next++;
    const child = top.value[key];
    if (!isContainer(child)) continue;
    if (frames.length >= maxDepth) return [...frames.slice(1).map((f) => f.key), key];
    frames.push(frame(child, key));
  }
  return undefined;
}

/** One sentence when `json` nests deeper than MAX_JSON_DEPTH, naming where (its first levels). */
export function checkNesting(json: unknown, what: string): void {
  const at = tooDeep(json);
  if (!at) return;
  const shown = readablePath(at.slice(0, 6).map((k) => `/${String(k).replace(/~/g, '~0').replace(/\//g, '~1')}`).join(''));
  throw new GroundworkError(`${what}: ${shown}… is nested more than ${MAX_JSON_DEPTH} levels deep, the most an input may have.`);
}

const isContainer = (v: unknown): v is object => typeof v === 'object' && v !== null;
const frame = (value: any, key: string | number) => ({ value, keys: Array.isArray(value) ? undefined : Object.keys(value), next: 0, key });
