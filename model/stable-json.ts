/** JSON with object keys sorted at every level, two-space indented, with a final newline: same input, same bytes. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, sortedKeys, 2)}\n`;
}

/** JSON.stringify replacer: an object whose keys are out of order is re-created in order, others pass as they are. */
function sortedKeys(this: unknown, _key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = keys[i - 1] < keys[i];
  if (sorted) return value;
  keys.sort();
  // Without a prototype: a key named `__proto__` (from parsed input) stays a key.
  const ordered = Object.create(null) as Record<string, unknown>;
  for (const k of keys) ordered[k] = (value as Record<string, unknown>)[k];
  return ordered;
}

/** Code-point order: unlike localeCompare, the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
