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
  readonly seen?: Set<string>;
}

const PRIMITIVE_TOKENS = new Set<TokenType>([TokenType.STRING, TokenType.NUMBER, TokenType.TRUE, TokenType.FALSE, TokenType.NULL]);

const TOKEN_TEXT: Partial<Record<TokenType, string>> = { [TokenType.RIGHT_BRACE]: '}', [TokenType.RIGHT_BRACKET]: ']', [TokenType.COLON]: ':', [TokenType.COMMA]: ',' };

/** Placeholder values a container token stands for, for type checks before it is assembled. */
const CONTAINER_SAMPLE: Partial<Record<TokenType, unknown>> = { [TokenType.LEFT_BRACE]: {}, [TokenType.LEFT_BRACKET]: [] };

export interface StreamHandlers<Element extends string> {
  /** One selected element, assembled, with its path (the array is the walker's: copy it to keep it). */
  element(kind: Element, value: unknown, segments: readonly Segment[]): void;
}

/**
 * Streams `file` (shown as `shown` in messages) through the spine: the root must be an object
 * in role `root`; `required` is given the root's member names once it closes. Throws a GroundworkError naming the path
 * for bad JSON, a wrong type on the spine, nesting deeper than MAX_PLAN_DEPTH or a missing key.
 */
export function streamDocument<Role extends string, Element extends string>(
  file: string,
  shown: string,
  spine: Spine<Role, Element>,
  root: Role,
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
    const parent = frames.at(-1);
    const rule = capture ? undefined : parent ? (parent.role === undefined ? undefined : spine(parent.role, parent.key!)) : ({ expect: 'an object', role: root } as SpineRule<Role, Element>);
    if (rule) {
      const sample = PRIMITIVE_TOKENS.has(token) ? value : CONTAINER_SAMPLE[token];
      if (!matches(rule.expect, sample)) throw shapeError(shown, segments(), rule.expect, sample);
      if (rule.element) capture = { kind: rule.element, depth: frames.length, segments: segments() };
    }
    if (parent) {
      parent.next = 'comma-or-close';
      if (parent.seen) parent.seen.add(parent.key as string);
    }
    if (PRIMITIVE_TOKENS.has(token)) {
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
    const kind = token === TokenType.LEFT_BRACE ? 'object' : 'array';
    frames.push({ kind, role: capture ? undefined : rule?.role, key: kind === 'array' ? 0 : undefined, next: kind === 'object' ? 'key-or-close' : 'value-or-close', ...(frames.length === 0 ? { seen: new Set<string>() } : {}) });
  };

  const endContainer = () => {
    const closed = frames.pop()!;
    if (closed.seen) required(closed.seen);
    if (capture && capture.depth === frames.length) {
      assembler.write({ token: closed.kind === 'object' ? TokenType.RIGHT_BRACE : TokenType.RIGHT_BRACKET, value: closed.kind === 'object' ? '}' : ']' });
      finishCapture();
      return true;
    }
    if (!frames.length) finished = true;
    return false;
  };

  const onToken = ({ token, value, offset: at }: { token: TokenType; value: unknown; offset: number }) => {
    offset = at;
    if (finished) throw new GroundworkError(`${shown} is not valid JSON: more follows the plan's closing brace at byte ${at}; pass the output of terraform show -json.`);
    const top = frames.at(-1);
    const next = top?.next ?? 'value';
    if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) {
      const closes = top && (top.kind === 'object' ? token === TokenType.RIGHT_BRACE : token === TokenType.RIGHT_BRACKET);
      if (!closes || !(next === 'comma-or-close' || next === 'key-or-close' || next === 'value-or-close')) throw unexpected(`"${TOKEN_TEXT[token]}"`);
      if (endContainer()) return;
    } else if (token === TokenType.COMMA) {
      if (next !== 'comma-or-close') throw unexpected('","');
      if (top!.kind === 'array') {
        top!.key = (top!.key as number) + 1;
        top!.next = 'value';
      } else top!.next = 'key';
    } else if (token === TokenType.COLON) {
      if (next !== 'colon') throw unexpected('":"');
      top!.next = 'value';
    } else if (token === TokenType.STRING && (next === 'key' || next === 'key-or-close')) {
      top!.key = value as string;
      top!.next = 'colon';
    } else {
      if (!(next === 'value' || next === 'value-or-close')) throw unexpected(describeValue(token === TokenType.LEFT_BRACE ? {} : token === TokenType.LEFT_BRACKET ? [] : value));
      beginValue(token, value);
      // A primitive element was handed over whole in beginValue: nothing to assemble.
      if (PRIMITIVE_TOKENS.has(token) && !capture) return;
    }
    if (capture) assembler.write({ token, value: value as never });
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
