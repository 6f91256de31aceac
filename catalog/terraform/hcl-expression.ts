/**
 * Evaluates Terraform strings the way Terraform would, as far as that can be known at synth:
 * templates (`"a-${x}"`, with `$${` and `%%{` escapes) and the constant part of the expression
 * language (literals, `!`, `&&`, `||`, `==`, `!=`, comparisons, arithmetic, `a ? b : c`,
 * parentheses, lists, objects, `jsonencode(...)` and a few pure conversions). A value that only
 * exists at plan or apply time (a reference, a variable, any other function) is an `Unknown`, so
 * rules judge what Terraform will do and fail closed on what they cannot know.
 *
 * No npm library evaluates HCL expressions in JavaScript (the HCL parsers on npm turn a file into
 * JSON and leave expressions as `${...}` text), so this is a small recursive-descent evaluator.
 */
export type HclValue = string | number | boolean | null | HclValue[] | { [key: string]: HclValue } | { ref: string };

/** Why a value cannot be known at synth. */
export type UnknownKind = 'reference' | 'variable' | 'function' | 'expression';

/** A value Terraform only knows at plan or apply time; `text` is the expression as written. */
export class Unknown {
  constructor(
    readonly kind: UnknownKind,
    readonly text: string,
    /** For a resource or data reference: its address (aws_kms_key.main, data.aws_kms_key.x). */
    readonly address?: string,
    /** For a reference: the attribute after the address (arn, id). */
    readonly attribute?: string,
  ) {}
}

/** An evaluated Terraform value: JSON-like, with Unknown where synth cannot know. */
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | Unknown;

export const isUnknown = (v: unknown): v is Unknown => v instanceof Unknown;

/**
 * What names mean where an expression is evaluated: `var.x`, `local.y`, `each.value`,
 * `count.index`, a dynamic block's iterator. `undefined` leaves the name unknown, as without a scope.
 */
export interface Scope {
  lookup(root: string, name: string): Value | undefined;
}

/** Functions whose result depends only on their arguments and that rules may need to see through. */
const PURE_FUNCTIONS: Record<string, (args: Value[]) => Value> = {
  jsonencode: ([v]) => toJsonText(v),
  tostring: ([v]) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : fail('tostring')),
  tonumber: ([v]) => toNumber(v),
  tobool: ([v]) => toBool(v),
  tolist: ([v]) => (Array.isArray(v) ? v : fail('tolist')),
  toset: ([v]) => (Array.isArray(v) ? v.filter((x, i) => v.findIndex((y) => equal(x, y)) === i) : fail('toset')),
  lower: ([v]) => toText(v).toLowerCase(),
  upper: ([v]) => toText(v).toUpperCase(),
  trimspace: ([v]) => toText(v).trim(),
  concat: (lists) => lists.flatMap((l) => (Array.isArray(l) ? l : fail('concat'))),
  join: ([sep, list]) => (Array.isArray(list) ? list.map(toText).join(toText(sep)) : fail('join')),
  merge: (maps) => Object.assign({}, ...maps.filter((m) => m !== null).map(toObject)),
  tomap: ([v]) => toObject(v),
  lookup: ([map, key, ...fallback]) => {
    const object = toObject(map);
    const k = toText(key);
    if (k in object) return object[k];
    return fallback.length ? fallback[0] : fail('lookup');
  },
  coalesce: (args) => args.find((a) => a !== null && a !== '') ?? fail('coalesce'),
  format: ([spec, ...args]) => formatText(toText(spec), args),
  length: ([v]) => (typeof v === 'string' ? [...v].length : Array.isArray(v) ? v.length : Object.keys(toObject(v)).length),
  keys: ([v]) => Object.keys(toObject(v)).sort(),
  values: ([v]) => {
    const object = toObject(v);
    return Object.keys(object).sort().map((k) => object[k]);
  },
  element: ([list, i]) => (Array.isArray(list) && list.length ? list[((toNumber(i) % list.length) + list.length) % list.length] : fail('element')),
  contains: ([list, v]) => (Array.isArray(list) ? list.some((x) => equal(x, v)) : fail('contains')),
  replace: ([text, from, to]) => toText(text).split(toText(from)).join(toText(to)),
  split: ([sep, text]) => toText(text).split(toText(sep)),
  compact: ([list]) => (Array.isArray(list) ? list.filter((x) => x !== null && x !== '') : fail('compact')),
  flatten: ([list]) => (Array.isArray(list) ? flattenList(list) : fail('flatten')),
  distinct: ([list]) => (Array.isArray(list) ? list.filter((x, i) => list.findIndex((y) => equal(x, y)) === i) : fail('distinct')),
  max: (args) => Math.max(...args.map(toNumber)),
  min: (args) => Math.min(...args.map(toNumber)),
};

/** The functions an expression can be folded through. */
export const PURE_FUNCTION_NAMES: readonly string[] = Object.keys(PURE_FUNCTIONS);

function flattenList(list: Value[]): Value[] {
  return list.flatMap((x) => (Array.isArray(x) ? flattenList(x) : [x]));
}

function toObject(v: Value): { [key: string]: Value } {
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && !isUnknown(v)) return v;
  return fail('map');
}

/** Terraform's format(): %s, %d, %v, %q and %%; anything else is not evaluated. */
function formatText(spec: string, args: Value[]): string {
  let next = 0;
  return spec.replace(/%([%sdvq])/g, (_, verb: string) => {
    if (verb === '%') return '%';
    if (next >= args.length) fail('format');
    const arg = args[next++];
    if (verb === 'd') return String(Math.trunc(toNumber(arg)));
    if (verb === 'q') return JSON.stringify(toText(arg));
    return typeof arg === 'object' && arg !== null ? JSON.stringify(arg) : toText(arg);
  });
}

class EvaluationError extends Error {}
function fail(what: string): never {
  throw new EvaluationError(what);
}

// ---------------------------------------------------------------------------------------------
// Entry points

/**
 * Evaluates a value of Terraform JSON: strings as templates, arrays and objects item by item.
 * A string that is one interpolation (`"${true}"`) yields the expression's own value, as in Terraform.
 */
export function evaluate(value: unknown, scope?: Scope): Value {
  if (typeof value === 'string') return evaluateTemplate(value, scope);
  if (Array.isArray(value)) return value.map((v) => evaluate(v, scope));
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Value } = {};
    for (const [k, v] of Object.entries(value)) if (k !== '//') out[k] = evaluate(v, scope);
    return out;
  }
  return value === undefined ? null : (value as Value);
}

/** Evaluates one HCL expression in native syntax (`!false`, `"0.0.0.0/0"`, `var.x ? 1 : 2`). */
export function evaluateExpression(text: string, scope?: Scope): Value {
  try {
    const parser = new Parser(text, 0, scope);
    const value = parser.expression();
    parser.space();
    if (!parser.done()) return new Unknown('expression', text);
    return value;
  } catch {
    return new Unknown('expression', text);
  }
}

function evaluateTemplate(text: string, scope?: Scope): Value {
  // Most values hold no brace at all.
  if (!text.includes('{')) return text;
  try {
    return new Parser(text, 0, scope).template(undefined);
  } catch {
    return new Unknown('expression', text);
  }
}

/**
 * Reads an IAM policy document: `${jsonencode({...})}` as cdktf writes it, or literal JSON.
 * References (aws_sqs_queue.x.arn) become `{ ref: '...' }`. Undefined when it cannot be read:
 * rules then treat the value as unknown, not as safe.
 */
export function parsePolicyDocument(value: unknown): HclValue | undefined {
  if (typeof value !== 'string') return value && typeof value === 'object' ? (value as HclValue) : undefined;
  const trimmed = value.trim();
  const wrapped = trimmed.match(/^\$\{\s*jsonencode\(([\s\S]*)\)\s*\}$/);
  if (wrapped) {
    const doc = evaluateExpression(wrapped[1]);
    return isUnknown(doc) ? undefined : withRefs(doc);
  }
  const text = evaluate(trimmed);
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as HclValue;
  } catch {
    return undefined;
  }
}

function withRefs(v: Value): HclValue {
  if (isUnknown(v)) return { ref: v.text };
  if (Array.isArray(v)) return v.map(withRefs);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withRefs(x)]));
  return v;
}

// ---------------------------------------------------------------------------------------------
// Conversions, as Terraform applies them

/** Terraform's bool conversion: true, false, "true", "false"; anything else is an error. */
export function toBool(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return fail('bool');
}

export function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(v)) return Number(v);
  return fail('number');
}

function toText(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return fail('string');
}

function toJsonText(v: Value): Value {
  if (containsUnknown(v)) return new Unknown('expression', 'jsonencode(...)');
  return JSON.stringify(v);
}

export function containsUnknown(v: Value): boolean {
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v !== null && typeof v === 'object') return Object.values(v).some(containsUnknown);
  return false;
}

/** Terraform equality: values of different types are never equal (1 != "1"). */
function equal(a: Value, b: Value): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && equal((a as any)[k], (b as any)[k]));
  }
  return a === b;
}

// ---------------------------------------------------------------------------------------------
// Parser and evaluator in one pass

const SPECIAL_IN_TEMPLATE = /[$%]/g;
const SPECIAL_IN_QUOTES = /[$%"\\]/g;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

class Parser {
  constructor(
    private readonly text: string,
    private at: number,
    private readonly scope?: Scope,
  ) {}

  done(): boolean {
    return this.at >= this.text.length;
  }

  space(): void {
    for (;;) {
      while (/\s/.test(this.text[this.at] ?? '')) this.at++;
      if (this.text.startsWith('#', this.at) || this.text.startsWith('//', this.at)) {
        while (this.at < this.text.length && this.text[this.at] !== '\n') this.at++;
      } else if (this.text.startsWith('/*', this.at)) {
        const end = this.text.indexOf('*/', this.at + 2);
        if (end < 0) fail('comment');
        this.at = end + 2;
      } else return;
    }
  }

  private peek(token: string): boolean {
    this.space();
    return this.text.startsWith(token, this.at);
  }

  private eat(token: string): boolean {
    if (!this.peek(token)) return false;
    this.at += token.length;
    return true;
  }

  private expect(token: string): void {
    if (!this.eat(token)) fail(`expected ${token}`);
  }

  /**
   * A template up to `end` (a closing quote) or the end of the text. One interpolation and
   * nothing else yields its value unchanged; otherwise the parts are joined as strings.
   */
  template(end: '"' | undefined): Value {
    const start = this.at;
    const parts: Value[] = [];
    let literal = '';
    const flush = () => {
      if (literal) parts.push(literal);
      literal = '';
    };
    for (;;) {
      if (this.at >= this.text.length) {
        if (end) fail('unterminated string');
        break;
      }
      const c = this.text[this.at];
      if (end && c === end) {
        this.at++;
        break;
      }
      if (this.text.startsWith('$${', this.at) || this.text.startsWith('%%{', this.at)) {
        literal += `${c}{`;
        this.at += 3;
      } else if (this.text.startsWith('${', this.at)) {
        flush();
        this.at += 2;
        this.eat('~');
        const value = this.expression();
        this.eat('~');
        this.expect('}');
        parts.push(value);
      } else if (this.text.startsWith('%{', this.at)) {
        // if/for directives: rare in rules' attributes; not evaluated.
        return new Unknown('expression', this.text);
      } else if (end && c === '\\') {
        const next = this.text[this.at + 1];
        if (next === 'u' || next === 'U') {
          const digits = next === 'u' ? 4 : 8;
          const hex = this.text.slice(this.at + 2, this.at + 2 + digits);
          if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== digits) fail('escape');
          literal += String.fromCodePoint(parseInt(hex, 16));
          this.at += 2 + digits;
        } else {
          if (!(next in ESCAPES)) fail('escape');
          literal += ESCAPES[next];
          this.at += 2;
        }
      } else {
        // Copy the run of plain characters up to the next one that may mean something.
        const special = end ? SPECIAL_IN_QUOTES : SPECIAL_IN_TEMPLATE;
        special.lastIndex = this.at + 1;
        const next = special.exec(this.text)?.index ?? this.text.length;
        literal += this.text.slice(this.at, next);
        this.at = next;
      }
    }
    flush();
    if (parts.length === 1 && typeof parts[0] !== 'string') return parts[0];
    if (parts.length === 0) return '';
    const unknown = parts.find(isUnknown);
    // The template as written (a quoted one inside an expression without its quotes), not the whole expression.
    const written = this.text.slice(start, end ? this.at - 1 : this.at);
    if (unknown) return parts.length === 1 ? unknown : new Unknown('expression', written, unknown.address, unknown.attribute);
    return parts.map(toText).join('');
  }

  expression(): Value {
    const condition = this.or();
    if (!this.eat('?')) return condition;
    const yes = this.expression();
    this.expect(':');
    const no = this.expression();
    if (isUnknown(condition)) return equal(yes, no) ? yes : condition;
    return toBool(condition) ? yes : no;
  }

  private or(): Value {
    let left = this.and();
    while (this.eat('||')) left = logical(left, this.and(), true);
    return left;
  }

  private and(): Value {
    let left = this.equality();
    while (this.eat('&&')) left = logical(left, this.equality(), false);
    return left;
  }

  private equality(): Value {
    let left = this.comparison();
    for (;;) {
      const op = this.eat('==') ? '==' : this.eat('!=') ? '!=' : undefined;
      if (!op) return left;
      const right = this.comparison();
      left = containsUnknown(left) || containsUnknown(right) ? unknownOf(left, right) : equal(left, right) === (op === '==');
    }
  }

  private comparison(): Value {
    let left = this.additive();
    for (;;) {
      const op = ['<=', '>=', '<', '>'].find((o) => this.eat(o));
      if (!op) return left;
      const right = this.additive();
      if (isUnknown(left) || isUnknown(right)) {
        left = unknownOf(left, right);
        continue;
      }
      const a = toNumber(left);
      const b = toNumber(right);
      left = op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
    }
  }

  private additive(): Value {
    let left = this.multiplicative();
    for (;;) {
      const op = this.eat('+') ? '+' : this.peek('->') ? undefined : this.eat('-') ? '-' : undefined;
      if (!op) return left;
      left = arithmetic(op, left, this.multiplicative());
    }
  }

  private multiplicative(): Value {
    let left = this.unary();
    for (;;) {
      const op = ['*', '/', '%'].find((o) => this.eat(o));
      if (!op) return left;
      left = arithmetic(op, left, this.unary());
    }
  }

  private unary(): Value {
    if (this.eat('!')) {
      const v = this.unary();
      return isUnknown(v) ? v : !toBool(v);
    }
    if (this.peek('-') && !/[0-9.]/.test(this.text[this.at + 1] ?? '')) {
      this.at++;
      const v = this.unary();
      return isUnknown(v) ? v : -toNumber(v);
    }
    return this.postfix();
  }

  private postfix(): Value {
    const start = this.at;
    let value = this.primary();
    for (;;) {
      if (this.peek('.') && !/[0-9]/.test(this.text[this.at + 1] ?? '') && this.text[this.at + 1] !== '.') {
        this.at++;
        if (this.eat('*')) {
          value = isUnknown(value) ? value : new Unknown('expression', this.text.slice(start, this.at));
          continue;
        }
        const name = this.identifier();
        value = isUnknown(value) ? value : index(value, name);
      } else if (this.peek('.') && /[0-9]/.test(this.text[this.at + 1] ?? '')) {
        // The legacy index HCL still reads (`tolist(x.options).0.name`, as cdktf writes it): `[0]`.
        this.at++;
        const digits = /^[0-9]+/.exec(this.text.slice(this.at))![0];
        this.at += digits.length;
        value = isUnknown(value) ? value : index(value, Number(digits));
      } else if (this.peek('[') && !this.text.slice(this.at).match(/^\[\s*for\s/)) {
        this.at++;
        if (this.eat('*')) {
          this.expect(']');
          value = isUnknown(value) ? value : new Unknown('expression', this.text.slice(start, this.at));
          continue;
        }
        const key = this.expression();
        this.expect(']');
        value = isUnknown(value) ? value : isUnknown(key) ? key : index(value, key);
      } else return value;
    }
  }

  private identifier(): string {
    this.space();
    const m = this.text.slice(this.at).match(/^[A-Za-z_][A-Za-z0-9_-]*/);
    if (!m) fail('identifier');
    this.at += m[0].length;
    return m[0];
  }

  private primary(): Value {
    this.space();
    const c = this.text[this.at];
    if (c === undefined) fail('end of expression');
    if (c === '(') {
      this.at++;
      const v = this.expression();
      this.expect(')');
      return v;
    }
    if (c === '"') {
      this.at++;
      return this.template('"');
    }
    if (c === '[') return this.list();
    if (c === '{') return this.object();
    if (this.text.startsWith('<<', this.at)) return this.heredoc();
    const number = this.text.slice(this.at).match(/^-?(\d+(\.\d+)?([eE][+-]?\d+)?)/);
    if (number) {
      this.at += number[0].length;
      return Number(number[0]);
    }
    const start = this.at;
    const name = this.identifier();
    if (name === 'true') return true;
    if (name === 'false') return false;
    if (name === 'null') return null;
    if (this.peek('(') || this.peek('::')) return this.call(name, start);
    return this.reference(name);
  }

  /**
   * `var.x`, `local.x`, `each.value`, ...: their value when the scope knows it (later steps are
   * then applied by postfix). Otherwise, and for `aws_kms_key.main[0].arn`, `data.x.y.z`: unknown
   * at synth, its text with index keys evaluated where they are known (`[count.index]` -> `[0]`).
   */
  private reference(root: string): Value {
    if (this.scope && this.peek('.') && /[A-Za-z_]/.test(this.text[this.at + 1] ?? '')) {
      const save = this.at;
      this.at++;
      const known = this.scope.lookup(root, this.identifier());
      if (known !== undefined) return known;
      this.at = save;
    }
    const names = [root];
    let text = root;
    let indexed: string | undefined;
    for (;;) {
      if (this.peek('.') && /[A-Za-z_*]/.test(this.text[this.at + 1] ?? '')) {
        this.at++;
        const name = this.eat('*') ? '*' : this.identifier();
        text += `.${name}`;
        names.push(name);
      } else if (this.peek('[')) {
        const save = this.at;
        this.at++;
        let step: string;
        if (this.eat('*')) step = '[*]';
        else {
          let key: Value;
          try {
            key = this.expression();
            this.expect(']');
          } catch {
            this.at = save;
            break;
          }
          step = typeof key === 'number' || typeof key === 'string' ? `[${JSON.stringify(key)}]` : `[${this.text.slice(save + 1, this.at - 1).trim()}]`;
        }
        if (step === '[*]') this.expect(']');
        text += step;
        if (indexed === undefined && names.length === 2) indexed = step;
      } else break;
    }
    if (['var', 'local', 'each', 'count', 'self', 'path', 'terraform', 'module'].includes(root)) return new Unknown('variable', text);
    if (root === 'data' && names.length >= 3) return new Unknown('reference', text, `data.${names[1]}.${names[2]}`, names[3]);
    if (names.length >= 2 && root.includes('_')) return new Unknown('reference', text, `${root}.${names[1]}${indexed ?? ''}`, names[2]);
    return new Unknown('variable', text);
  }

  private call(name: string, start: number): Value {
    let fn = name;
    while (this.eat('::')) fn += `::${this.identifier()}`;
    this.expect('(');
    const args: Value[] = [];
    while (!this.eat(')')) {
      args.push(this.expression());
      this.eat('...');
      if (!this.eat(',') && !this.peek(')')) fail('argument list');
    }
    const pure = PURE_FUNCTIONS[fn];
    const text = this.text.slice(start, this.at).trim();
    if (!pure) return new Unknown('function', text);
    if (args.some(containsUnknown) && fn !== 'jsonencode') return new Unknown('function', text);
    return pure(args);
  }

  private list(): Value {
    const start = this.at;
    this.at++;
    if (this.text.slice(this.at).match(/^\s*for\s/)) return this.skipBalanced(start, '[', ']');
    const items: Value[] = [];
    while (!this.eat(']')) {
      items.push(this.expression());
      if (!this.eat(',') && !this.peek(']')) fail('list');
    }
    return items;
  }

  private object(): Value {
    const start = this.at;
    this.at++;
    if (this.text.slice(this.at).match(/^\s*for\s/)) return this.skipBalanced(start, '{', '}');
    const out: { [key: string]: Value } = {};
    while (!this.eat('}')) {
      this.space();
      let key: Value;
      if (this.peek('(')) key = this.expression();
      else if (this.peek('"')) {
        this.at++;
        key = this.template('"');
      } else {
        const at = this.at;
        const bare = this.text.slice(at).match(/^[A-Za-z_][A-Za-z0-9_-]*(?=\s*[=:])/);
        key = bare ? ((this.at += bare[0].length), bare[0]) : this.expression();
      }
      if (!this.eat('=') && !this.eat(':')) fail('object');
      const value = this.expression();
      if (isUnknown(key)) return key;
      out[toText(key)] = value;
      if (!this.eat(',') && !this.peek('}')) this.space();
    }
    return out;
  }

  /** For expressions: not evaluated; skipped as one unknown. */
  private skipBalanced(start: number, open: string, close: string): Unknown {
    let depth = 0;
    for (this.at = start; this.at < this.text.length; this.at++) {
      if (this.text[this.at] === open) depth++;
      else if (this.text[this.at] === close && --depth === 0) break;
    }
    if (depth !== 0) fail('unbalanced');
    this.at++;
    return new Unknown('expression', this.text.slice(start, this.at));
  }

  private heredoc(): Value {
    const m = this.text.slice(this.at).match(/^<<(-?)([A-Za-z_][A-Za-z0-9_]*)\n/);
    if (!m) fail('heredoc');
    const bodyStart = this.at + m[0].length;
    const end = this.text.slice(bodyStart).search(new RegExp(`^\\s*${m[2]}\\s*$`, 'm'));
    if (end < 0) fail('heredoc');
    let body = this.text.slice(bodyStart, bodyStart + end);
    this.at = bodyStart + end + this.text.slice(bodyStart + end).match(new RegExp(`^\\s*${m[2]}`))![0].length;
    if (m[1]) {
      const lines = body.split('\n');
      const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^\s*/)![0].length));
      body = lines.map((l) => l.slice(indent)).join('\n');
    }
    return new Parser(body, 0, this.scope).template(undefined);
  }
}

function logical(left: Value, right: Value, isOr: boolean): Value {
  // Terraform short-circuits on a known deciding operand even when the other is unknown.
  const known = (v: Value) => (isUnknown(v) ? undefined : toBool(v));
  const a = known(left);
  const b = known(right);
  if (a === isOr || b === isOr) return isOr;
  if (a === undefined || b === undefined) return unknownOf(left, right);
  return isOr ? a || b : a && b;
}

function arithmetic(op: string, left: Value, right: Value): Value {
  if (isUnknown(left) || isUnknown(right)) return unknownOf(left, right);
  const a = toNumber(left);
  const b = toNumber(right);
  if ((op === '/' || op === '%') && b === 0) fail('division by zero');
  return op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a % b;
}

function index(value: Value, key: Value): Value {
  if (isUnknown(key)) return key;
  if (Array.isArray(value)) {
    const i = toNumber(key);
    if (!Number.isInteger(i) || i < 0 || i >= value.length) fail('index');
    return value[i];
  }
  if (value && typeof value === 'object' && !isUnknown(value)) {
    const k = toText(key);
    if (!(k in value)) fail('key');
    return value[k];
  }
  return fail('index');
}

function unknownOf(a: Value, b: Value): Unknown {
  return (isUnknown(a) ? a : isUnknown(b) ? b : new Unknown('expression', '?')) as Unknown;
}
