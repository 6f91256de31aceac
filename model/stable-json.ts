/** JSON with object keys sorted at every level, two-space indented, with a final newline: same input, same bytes. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, sortedKeys, 2)}\n`;
}

/** What keysInOrder returns for a value it will not re-order: one whose JSON depends on more than its own keys and values. */
export const CANNOT_ORDER: unique symbol = Symbol('cannot order');

/** Strings standing in for an empty array and an empty object (see keysInOrder), and a character both hold that no value may. */
export interface EmptyMarkers {
  readonly array: string;
  readonly object: string;
  readonly reserved: string;
}

const PRIMITIVE_PROTOTYPES: readonly object[] = [String.prototype, Number.prototype, Boolean.prototype];

// Far deeper than any Terraform configuration; json-stable-stringify writes deeper ones (slowly: its cost grows with the square of the depth).
const DEEPEST = 200;

/**
 * The value with every object's keys in code-unit order, for JSON.stringify: objects already in
 * order are kept, others re-created in order (as are the objects and arrays holding them). Unlike
 * stableJson's replacer, it sees every value before JSON.stringify calls toJSON. CANNOT_ORDER
 * for anything whose JSON text is more than its own keys and values (toJSON anywhere, a class instance,
 * a function, a symbol, a bigint, nesting deeper than 200) and for an object out of order with
 * integer-like keys (JavaScript lists those first, whatever order they are added in).
 * Empty arrays and objects (or objects holding only undefined) are replaced by the markers, for
 * layouts that write them differently from JSON.stringify; a value with the reserved character in
 * any string or key cannot be ordered (a marker found in the text is then always one of them).
 */
export function keysInOrder(value: unknown, empty: EmptyMarkers): unknown {
  // A toJSON given to every string, number or boolean (JSON.stringify calls it on none of them).
  if (PRIMITIVE_PROTOTYPES.some((prototype) => 'toJSON' in prototype)) return CANNOT_ORDER;
  try {
    return ordered(value, empty, 0);
  } catch (error) {
    if (error === CANNOT_ORDER) return CANNOT_ORDER;
    throw error;
  }
}

function ordered(value: unknown, empty: EmptyMarkers, depth: number): unknown {
  switch (typeof value) {
    case 'function':
    case 'symbol':
    case 'bigint':
      throw CANNOT_ORDER;
    case 'string':
      if (value.includes(empty.reserved)) throw CANNOT_ORDER;
      return value;
    case 'object':
      break;
    default:
      return value;
  }
  if (value === null) return value;
  if (depth > DEEPEST) throw CANNOT_ORDER;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype || typeof (value as { toJSON?: unknown }).toJSON === 'function') throw CANNOT_ORDER;
    if (value.length === 0) return empty.array;
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const inOrder = ordered(item, empty, depth + 1);
      if (inOrder !== item) (copy ??= value.slice())[i] = inOrder;
    }
    return copy ?? value;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) throw CANNOT_ORDER;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') throw CANNOT_ORDER;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  let sorted = true;
  let kept = 0;
  let changed: Map<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key.includes(empty.reserved)) throw CANNOT_ORDER;
    if (i > 0 && keys[i - 1] > key) sorted = false;
    const item = object[key];
    if (item === undefined) continue;
    kept++;
    const inOrder = ordered(item, empty, depth + 1);
    if (inOrder !== item) (changed ??= new Map()).set(key, inOrder);
  }
  if (kept === 0) return empty.object;
  if (sorted && !changed) return value;
  if (!sorted) {
    if (keys.some(isIntegerLike)) throw CANNOT_ORDER;
    keys.sort();
  }
  return recreated(keys, (key) => (changed?.has(key) ? changed.get(key) : object[key]));
}

/** An object with these keys in this order; without a prototype, so that a key named `__proto__` (from parsed input) stays a key. */
function recreated(keys: readonly string[], valueOf: (key: string) => unknown): Record<string, unknown> {
  const copy = Object.create(null) as Record<string, unknown>;
  for (const key of keys) copy[key] = valueOf(key);
  return copy;
}

function isIntegerLike(key: string): boolean {
  const first = key.charCodeAt(0);
  return first >= 48 && first <= 57;
}

/**
 * JSON.stringify replacer: an object whose keys are out of order is re-created in order, others
 * pass as they are. Faster than re-ordering first (keysInOrder) on reports, whose objects are mostly out of order.
 */
function sortedKeys(this: unknown, _key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = keys[i - 1] < keys[i];
  if (sorted) return value;
  keys.sort();
  return recreated(keys, (key) => (value as Record<string, unknown>)[key]);
}

/**
 * stableJson's text in parts, the same bytes once joined: the members of the top `levels` of
 * objects and arrays are written one by one, so a report too large for one string (a catalog of
 * 400,000 resources) can go to a file without ever being one.
 */
export function* stableJsonParts(value: unknown, levels = 2): Generator<string> {
  yield* parts(value, levels, '');
  yield '\n';
}

function* parts(value: unknown, levels: number, indent: string): Generator<string> {
  const whole = levels <= 0 || value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function';
  const text = (v: unknown) => JSON.stringify(v, sortedKeys, 2)?.replace(/\n/g, `\n${indent}`);
  if (whole) {
    yield text(value) ?? 'null';
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return yield '[]';
    for (let i = 0; i < value.length; i++) {
      yield `${i ? ',' : '['}\n${inner}`;
      const item: unknown = value[i];
      // JSON.stringify writes null for what has no JSON in an array.
      yield* item === undefined || typeof item === 'function' || typeof item === 'symbol' ? ['null'] : parts(item, levels - 1, inner);
    }
    return yield `\n${indent}]`;
  }
  const object = sortedKeys.call(undefined, '', value) as Record<string, unknown>;
  const keys = Object.keys(object).filter((key) => {
    const v = object[key];
    return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
  });
  if (keys.length === 0) return yield '{}';
  for (let i = 0; i < keys.length; i++) {
    yield `${i ? ',' : '{'}\n${inner}${JSON.stringify(keys[i])}: `;
    yield* parts(object[keys[i]], levels - 1, inner);
  }
  yield `\n${indent}}`;
}

/** Code-point order: unlike localeCompare, the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
