/**
 * synth/cdktf-fast-synth.ts, change 8: a stack's file text is json-stable-stringify's (what cdktf
 * writes), byte for byte, for every value; what the native path cannot promise is handed to
 * json-stable-stringify itself.
 */
import * as path from 'path';
import { stackFileText } from '../synth/cdktf-fast-synth';

const jsonStableStringify = require(require.resolve('json-stable-stringify', { paths: [path.dirname(require.resolve('cdktf/lib/synthesize/synthesizer'))] })) as (value: unknown, options: { space: number }) => string;
const cdktfText = (value: unknown) => jsonStableStringify(value, { space: 2 });

const cases: Record<string, unknown> = {
  'empty arrays and objects, nested and at the top': { a: [], b: {}, c: [[], {}, [[]], { d: {} }], e: { f: { g: [] } } },
  'an empty object at the top': {},
  'an empty array at the top': [],
  'objects holding only undefined, and undefined in arrays': { a: { gone: undefined }, b: [undefined, 1, undefined], c: undefined },
  'keys out of order at every level, "//" last as cdktf builds resources': { resource: { b_type: { z: { name: 'z', '//': { metadata: { path: 'p' } } }, a: { x: 1, '//': {} } } }, '//': { outputs: {} } },
  'integer-like keys out of order': { '10': 'a', '9': 'b', a: { '2': 1, '10': 2 } },
  'integer-like keys in order': { '1': 'a', '2': 'b', x: 'c' },
  'a __proto__ key from parsed input': JSON.parse('{"b": 1, "__proto__": {"y": [], "x": {}}}'),
  'a NUL character in a string': { a: 'x\u0000y', b: [] },
  'the empty-array marker as a whole string': { a: '\u0000[]\u0000', b: [] },
  'the empty-object marker as a key': { '\u0000{}\u0000': 1, b: {} },
  'a string ending as a quoted marker would': { a: 'x"\u0000[]\u0000', b: [] },
  'markup, quotes, newlines and expressions in strings': { a: '</script><b>"\'\n\t${file("/etc/passwd")}', '\n"key"': '%{ if x }' },
  'unicode keys in code-unit order (astral after BMP private use)': { '\u{1F600}': 1, '\uFFFF': 2, é: 3, e: 4, E: 5, '': 6 },
  'lone surrogates': { a: '\uD800', '\uDC00': 'b' },
  'numbers at the edges': { a: -0, b: NaN, c: Infinity, d: -Infinity, e: 1e21, f: 5e-324, g: Number.MAX_SAFE_INTEGER + 2, h: -1.5 },
  'booleans and null': { a: true, b: false, c: null, d: [null, false] },
  'a Date and an object with toJSON': { when: new Date(0), custom: { toJSON: () => ({ z: [], y: 1 }) } },
  'a toJSON that reads its key': { a: { toJSON: (key: string) => `key ${key}` } },
  'a class instance': { a: new (class Point { y = 1; x = 2; })() },
  'functions and symbols': { a: () => 1, b: [() => 1, Symbol('s')], c: Symbol('s') },
  'an array with a toJSON of its own': { x: Object.assign([], { toJSON: () => ({ b: 1, a: 2 }) }) },
  'undefined at the top': undefined,
};

test.each(Object.entries(cases))('%s: the same bytes as json-stable-stringify', (_name, value) => {
  expect(stackFileText(value)).toBe(cdktfText(value));
});

test('a toJSON given to every string (prototype pollution) is honoured as json-stable-stringify honours it', () => {
  const prototype = String.prototype as { toJSON?: () => string };
  prototype.toJSON = () => 'polluted';
  try {
    expect(stackFileText({ a: 'x', b: [] })).toBe(cdktfText({ a: 'x', b: [] }));
  } finally {
    delete prototype.toJSON;
  }
});

test('nesting deeper than 200 levels is written by json-stable-stringify, the same bytes', () => {
  let deep: unknown = { leaf: [] };
  for (let i = 0; i < 250; i++) deep = { [`k${i % 3}`]: deep, z: i };
  expect(stackFileText(deep)).toBe(cdktfText(deep));
});

test('a cycle fails as cdktf fails', () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = { back: cyclic };
  expect(() => cdktfText(cyclic)).toThrow('Converting circular structure to JSON');
  expect(() => stackFileText(cyclic)).toThrow('Converting circular structure to JSON');
});

test('a bigint fails as cdktf fails', () => {
  expect(() => stackFileText({ a: BigInt(1) })).toThrow(TypeError);
  expect(() => cdktfText({ a: BigInt(1) })).toThrow(TypeError);
});

/** Seeded, so a failure names a reproducible case. */
function randomValue(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 4 ? 5 : 8));
  const keys = ['a', 'b', '//', 'Z', '0', '10', '9', 'é', '\u{1F600}', 'x y', '__proto__', ''];
  switch (pick) {
    case 0: return Math.floor(next() * 2000) - 1000;
    case 1: return ['', 'text', '${x}', '"', '\u0000', 'é'][Math.floor(next() * 6)];
    case 2: return next() < 0.5;
    case 3: return null;
    case 4: return undefined;
    case 5: return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = Math.floor(next() * 5); i > 0; i--) Object.defineProperty(object, keys[Math.floor(next() * keys.length)], { value: randomValue(next, depth + 1), enumerable: true, writable: true, configurable: true });
      return object;
    }
  }
}

test('2,000 random values (keys out of order, integer-like, empty, undefined, NUL): the same bytes', () => {
  let seed = 17;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 2000; i++) {
    const value = { root: randomValue(next, 0) };
    expect([i, stackFileText(value)]).toEqual([i, cdktfText(value)]);
  }
});
