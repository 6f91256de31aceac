/**
 * Reads a plan file (`terraform show -json`) as a stream of tokens, never as one text or one tree:
 * @streamparser/json's tokenizer reads it in blocks, this walker checks the document's grammar, its
 * nesting depth and the types of the containers on the way to what a reader wants (the "spine",
 * PLAN_SPINE), and assembles only the elements the spine selects (a resource, a resource change,
 * ...), one at a time, handing each to the caller with its path in the file. Everything else
 * (prior_state, before values, ...) is checked and dropped as it streams.
 */
import * as fs from 'fs';
import { TokenParser, Tokenizer, TokenType } from '@streamparser/json';
import { GroundworkError } from '../../model/errors';
import { joinPath } from './configuration-blocks';

/** Deeper than this anywhere in a plan is refused: far deeper than anything Terraform writes, shallow enough for every recursive reader after this one. */
export const MAX_PLAN_DEPTH = 100;

/** Bytes read per block. */
const BLOCK = 1 << 20;

export type Expected = 'an object' | 'a list' | 'a string';

/** What a member of the spine must be: a container walked further (its role), or an element handed over whole. */
export interface SpineRule<Role extends string, Element extends string> {
  readonly expect: Expected;
  readonly role?: Role;
  readonly element?: Element;
}

/** The spine of a document: the rule for a member (by key or index) of a container in a role; undefined: not needed, skipped. */
export type Spine<Role extends string, Element extends string> = (role: Role, key: string | number) => SpineRule<Role, Element> | undefined;

export type Segment = string | number;

/** How a path in the file is spelled in messages: `resource_changes[3].address`. */
export const spellPath = (segments: readonly Segment[]): string => segments.reduce<string>((at, s) => joinPath(at, s), '') || 'the document';

/** A value as a message shows it: a kind for containers, the value itself (cut short) for the rest. */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

const matches = (expect: Expected, value: unknown): boolean =>
  expect === 'an object' ? value !== null && typeof value === 'object' && !Array.isArray(value) : expect === 'a list' ? Array.isArray(value) : typeof value === 'string';

/** `where: path must be ..., not ...`, the one sentence every shape error is. */
export function shapeError(shown: string, segments: readonly Segment[], expected: string, actual: unknown): GroundworkError {
  if (actual === undefined) return new GroundworkError(`${shown}: ${spellPath(segments)} is missing (it must be ${expected}).`);
  return new GroundworkError(`${shown}: ${spellPath(segments)} must be ${expected}, not ${describeValue(actual)}.`);
}

/** Checks a value already assembled (an element's member): the same sentence as the spine's. */
export function expectShape(shown: string, segments: readonly Segment[], expect: Expected, value: unknown): void {
  if (!matches(expect, value)) throw shapeError(shown, segments, expect, value);
}

interface Frame<Role> {
  readonly kind: 'object' | 'array';
  /** Undefined inside what the spine skips or inside an element being assembled. */
  readonly role: Role | undefined;
  /** The member being read: its key, or its index. */
  key: Segment | undefined;
  /** What the grammar allows next. */
  next: 'key' | 'key-or-close' | 'colon' | 'value' | 'value-or-close' | 'comma-or-close';
  /** Keys of the root object seen so far (only kept for the root). */
  readonly seen: Set<string> | undefined;
}

// The token types as local constants: read through the package's re-export on every token, they cost a getter call each.
const LEFT_BRACE = TokenType.LEFT_BRACE;
const RIGHT_BRACE = TokenType.RIGHT_BRACE;
const LEFT_BRACKET = TokenType.LEFT_BRACKET;
const RIGHT_BRACKET = TokenType.RIGHT_BRACKET;
const COLON = TokenType.COLON;
const COMMA = TokenType.COMMA;
const STRING = TokenType.STRING;
const PRIMITIVES = new Set<TokenType>([TokenType.STRING, TokenType.NUMBER, TokenType.TRUE, TokenType.FALSE, TokenType.NULL]);
const isPrimitive = (token: TokenType): boolean => PRIMITIVES.has(token);

/** A container token as a value of its kind, for type checks and messages before it is assembled. */
const sampleOf = (token: TokenType, value: unknown): unknown => (token === LEFT_BRACE ? {} : token === LEFT_BRACKET ? [] : value);

export interface StreamHandlers<Element extends string> {
  /** One selected element, assembled, with its path (the array is the walker's: copy it to keep it). */
  element(kind: Element, value: unknown, segments: readonly Segment[]): void;
}

/**
 * Streams `file` (shown as `shown` in messages) through the spine: the root must be an object
 * in role `root` (anything, with no role: only the grammar and depth are checked); `required` is given the root's member names once it closes. Throws a GroundworkError naming the path
 * for bad JSON, a wrong type on the spine, nesting deeper than MAX_PLAN_DEPTH or a missing key.
 */
export function streamDocument<Role extends string, Element extends string>(
  file: string,
  shown: string,
  spine: Spine<Role, Element>,
  root: Role | undefined,
  handlers: StreamHandlers<Element>,
  { followLink, required }: { followLink: boolean; required: (rootMembers: ReadonlySet<string>) => void },
): void {
  const frames: Frame<Role>[] = [];
  const segments = (): Segment[] => frames.map((f) => f.key as Segment);
  let finished = false;
  // The element being assembled: its kind and how deep its container sits.
  let capture: { kind: Element; depth: number; segments: Segment[] } | undefined;
  let captured: unknown;
  const assembler = new TokenParser({ paths: ['$'], separator: '' });
  assembler.onValue = ({ value }) => {
    captured = value;
  };
  let offset = 0;

  const unexpected = (text: string): GroundworkError =>
    new GroundworkError(`${shown} is not valid JSON: unexpected ${text} at byte ${offset}${frames.length ? ` (in ${spellPath(segments())})` : ''}; pass the output of terraform show -json.`);

  const finishCapture = () => {
    const done = capture!;
    capture = undefined;
    handlers.element(done.kind, captured, done.segments);
    captured = undefined;
  };

  /** A value begins here (a primitive, or the opening of a container). */
  const beginValue = (token: TokenType, value: unknown) => {
    const parent = frames.length ? frames[frames.length - 1] : undefined;
    const rule = capture ? undefined : parent ? (parent.role === undefined ? undefined : spine(parent.role, parent.key!)) : root === undefined ? undefined : ({ expect: 'an object', role: root } as SpineRule<Role, Element>);
    if (rule) {
      const sample = sampleOf(token, value);
      if (!matches(rule.expect, sample)) throw shapeError(shown, segments(), rule.expect, sample);
      if (rule.element) capture = { kind: rule.element, depth: frames.length, segments: segments() };
    }
    if (parent) {
      parent.next = 'comma-or-close';
      if (parent.seen) parent.seen.add(parent.key as string);
    }
    if (isPrimitive(token)) {
      if (capture && capture.depth === frames.length) {
        captured = value;
        finishCapture();
      }
      if (!parent) finished = true;
      return;
    }
    if (frames.length >= MAX_PLAN_DEPTH) {
      const at = segments();
      throw new GroundworkError(`${shown}: ${spellPath(at.slice(0, 12))}${at.length > 12 ? '...' : ''} nests deeper than ${MAX_PLAN_DEPTH} levels, the most a plan may (Terraform writes far fewer).`);
    }
    const kind = token === LEFT_BRACE ? 'object' : 'array';
    frames.push({ kind, role: capture ? undefined : rule?.role, key: kind === 'array' ? 0 : undefined, next: kind === 'object' ? 'key-or-close' : 'value-or-close', seen: frames.length === 0 ? new Set<string>() : undefined });
  };

  const endContainer = () => {
    const closed = frames.pop()!;
    if (closed.seen) required(closed.seen);
    if (capture && capture.depth === frames.length) {
      assembler.write(closed.kind === 'object' ? { token: RIGHT_BRACE, value: '}' } : { token: RIGHT_BRACKET, value: ']' });
      finishCapture();
      return true;
    }
    if (!frames.length) finished = true;
    return false;
  };

  const onToken = ({ token, value, offset: at }: { token: TokenType; value: unknown; offset: number }) => {
    offset = at;
    if (finished) throw new GroundworkError(`${shown} is not valid JSON: more follows the plan's closing brace at byte ${at}; pass the output of terraform show -json.`);
    const top = frames.length ? frames[frames.length - 1] : undefined;
    const next = top ? top.next : 'value';
    if (token === RIGHT_BRACE || token === RIGHT_BRACKET) {
      const closes = top && (top.kind === 'object' ? token === RIGHT_BRACE : token === RIGHT_BRACKET);
      if (!closes || !(next === 'comma-or-close' || next === 'key-or-close' || next === 'value-or-close')) throw unexpected(`"${value}"`);
      if (endContainer()) return;
    } else if (token === COMMA) {
      if (next !== 'comma-or-close') throw unexpected('","');
      if (top!.kind === 'array') {
        top!.key = (top!.key as number) + 1;
        top!.next = 'value';
      } else top!.next = 'key';
    } else if (token === COLON) {
      if (next !== 'colon') throw unexpected('":"');
      top!.next = 'value';
    } else if (token === STRING && (next === 'key' || next === 'key-or-close')) {
      top!.key = value as string;
      top!.next = 'colon';
    } else {
      if (!(next === 'value' || next === 'value-or-close')) throw unexpected(describeValue(sampleOf(token, value)));
      beginValue(token, value);
      // A primitive element was handed over whole in beginValue: nothing to assemble.
      if (isPrimitive(token) && !capture) return;
    }
    if (capture) assembler.write({ token, value: (token === STRING ? interned(value as string) : value) as never });
  };
  // Tag values, types and regions repeat across thousands of resources: one string each, not one per resource.
  const strings = new Map<string, string>();
  const interned = (text: string): string => {
    if (text.length > 64) return text;
    const known = strings.get(text);
    if (known !== undefined) return known;
    if (strings.size < 200_000) strings.set(text, text);
    return text;
  };

  const tokenizer = new Tokenizer();
  tokenizer.onToken = onToken;
  const fd = openRegularFile(file, shown, { followLink });
  try {
    const block = Buffer.alloc(BLOCK);
    let read: number;
    let total = 0;
    while ((read = fs.readSync(fd, block, 0, BLOCK, null)) > 0) {
      total += read;
      write(tokenizer, block.subarray(0, read), shown, () => offset);
    }
    if (total === 0) throw new GroundworkError(`${shown} is empty: pass the output of terraform show -json.`);
    write(tokenizer, undefined, shown, () => total);
    if (!finished) throw new GroundworkError(`${shown} is not valid JSON: it ends at byte ${total} inside ${frames.length ? spellPath(segments()) : 'a value'} (a truncated file?); pass the output of terraform show -json.`);
  } finally {
    fs.closeSync(fd);
  }
}

/** Feeds a block to the tokenizer (or ends it), turning its errors into one sentence. */
function write(tokenizer: Tokenizer, block: Buffer | undefined, shown: string, at: () => number): void {
  try {
    if (block) tokenizer.write(block);
    else tokenizer.end();
  } catch (error) {
    if (error instanceof GroundworkError) throw error;
    if (error instanceof RangeError) throw new GroundworkError(`${shown} holds a value too large to read near byte ${at()}; pass the output of terraform show -json.`);
    const where = /absolute position "(\d+)"/.exec((error as Error).message)?.[1];
    throw new GroundworkError(`${shown} is not valid JSON: ${where ? `unexpected text at byte ${where}` : `it ends inside a value at byte ${at()} (a truncated file?)`}; pass the output of terraform show -json.`);
  }
}

/**
 * Opens a file for reading only if it is a regular file: never blocks on a FIFO, never reads a
 * device. Symbolic links in a folder are not followed (`followLink: false`).
 */
export function openRegularFile(file: string, shown: string, { followLink = true }: { followLink?: boolean } = {}): number {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | (followLink ? 0 : fs.constants.O_NOFOLLOW));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new GroundworkError(code === 'ELOOP' ? `${shown} is a symbolic link, which is not followed inside a folder of plans: pass the file itself.` : `Cannot read ${shown}: ${code ?? (error as Error).message}.`);
  }
  if (!fs.fstatSync(fd).isFile()) {
    fs.closeSync(fd);
    throw new GroundworkError(`${shown} is not a regular file: pass a plan in JSON (terraform show -json plan.out > plan.json).`);
  }
  return fd;
}
