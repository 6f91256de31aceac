/** model/stable-json.ts: keys in order at every level, whichever way the value was built. */
import { stableJson, stableJsonParts } from '../model/stable-json';

test('keys in order at every level, arrays in their own order, a final newline', () => {
  expect(stableJson({ b: [{ d: 1, c: 2 }, 'x'], a: { f: null, e: true } })).toBe(`${JSON.stringify({ a: { e: true, f: null }, b: [{ c: 2, d: 1 }, 'x'] }, null, 2)}\n`);
});

test('what JSON leaves out is left out (undefined, functions), and null stands in for it in arrays', () => {
  expect(stableJson({ b: undefined, a: () => 1, c: [undefined, () => 1] })).toBe('{\n  "c": [\n    null,\n    null\n  ]\n}\n');
});

test('toJSON is honoured, and what it returns is put in order too', () => {
  const custom = { toJSON: () => ({ z: 1, y: 2 }) };
  expect(stableJson({ when: new Date(0), custom })).toBe('{\n  "custom": {\n    "y": 2,\n    "z": 1\n  },\n  "when": "1970-01-01T00:00:00.000Z"\n}\n');
});

test('a key named __proto__ (from parsed input) stays a key', () => {
  expect(stableJson(JSON.parse('{"b": 1, "__proto__": {"y": 1, "x": 2}}'))).toBe('{\n  "__proto__": {\n    "x": 2,\n    "y": 1\n  },\n  "b": 1\n}\n');
});

test('the same content built in different orders writes the same bytes (integer-like keys included)', () => {
  const one = { '10': 'a', '9': 'b', k: { n: [1, { q: 1, p: 2 }], m: 'x' } };
  const two = { k: { m: 'x', n: [1, { p: 2, q: 1 }] }, '9': 'b', '10': 'a' };
  expect(stableJson(one)).toBe(stableJson(two));
});

describe('stableJsonParts', () => {
  const values: unknown[] = [
    { b: 1, a: [1, { d: 2, c: [] }, undefined, null, 'x\ny', () => 1], e: {}, f: undefined, g: { z: { y: { x: 1 } } } },
    [],
    {},
    5,
    'text',
    null,
    [[[]]],
    { a: [{}] },
    { '10': 2, '2': 3, b: {}, a: { only: undefined } },
    { date: new Date(0), list: [new Date(0)] },
  ];
  test.each(values.map((v, i) => [i, v]))('value %i: the same bytes as stableJson at every depth of parts', (_i, value) => {
    for (const levels of [0, 1, 2, 3, 6]) expect([...stableJsonParts(value, levels)].join('')).toBe(stableJson(value));
  });
});
