/** JSON with object keys sorted at every level, two-space indented, with a final newline: same input, same bytes. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, sortedKeys, 2)}\n`;
}

/** An object with these keys in this order; without a prototype, so that a key named `__proto__` (from parsed input) stays a key. */
function recreated(keys: readonly string[], valueOf: (key: string) => unknown): Record<string, unknown> {
  const copy = Object.create(null) as Record<string, unknown>;
  for (const key of keys) copy[key] = valueOf(key);
  return copy;
}

/**
 * JSON.stringify replacer: an object whose keys are out of order is re-created in order, others
 * pass as they are.
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
