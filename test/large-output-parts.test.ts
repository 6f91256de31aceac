import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeFileInParts } from '../model/atomic-write';
import { copyOf } from '../model/shared-shape';
import { scriptSafeJson, scriptSafeJsonParts } from '../catalog/portal/embed-json';

/** The pieces a large plan's reports are written in (issue 24): the same bytes as written whole. */
describe('reports written in parts', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'groundwork-parts-'));
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  test('a part longer than a block is written in slices, never between the halves of a surrogate pair', () => {
    // An astral character (two UTF-16 units) at every block boundary: the first falls exactly across 1 MiB.
    const text = `${'a'.repeat((1 << 20) - 1)}${'😀'.repeat(3)}${'é'.repeat(1 << 20)}😀`;
    for (const [name, content] of [['whole.txt', text], ['parts.txt', ['x', text, 'y', '😀']]] as const) {
      const file = path.join(folder, name);
      writeFileInParts(file, content);
      expect(fs.readFileSync(file, 'utf8')).toBe(typeof content === 'string' ? content : content.join(''));
    }
  });

  test('script-safe JSON in parts is the same text as script-safe JSON whole', () => {
    const value = { a: [1, '</script><!--', undefined, { b: undefined, c: null }], d: '\u2028\u2029&', big: Array.from({ length: 20000 }, (_, i) => ({ i, s: `<${i}>` })) };
    const parts = [...scriptSafeJsonParts(value)];
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('')).toBe(scriptSafeJson(value));
  });

  test('copyOf: the same members in the same order, __proto__ kept as an own member, the prototype untouched', () => {
    const parsed = JSON.parse('{"b":1,"__proto__":{"polluted":true},"2":"x","a":[1]}');
    const copy = copyOf(parsed);
    expect(Object.keys(copy)).toEqual(Object.keys(parsed));
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({ polluted: true });
    expect(JSON.stringify(copy)).toBe(JSON.stringify(parsed));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
