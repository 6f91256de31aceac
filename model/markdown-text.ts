/**
 * A value as literal text inside a Markdown line or table cell: Markdown's inline markup is
 * backslash-escaped (so `|` cannot end a cell, `[x](javascript:...)` is no link, `` ` `` no code),
 * HTML becomes entities (no tag, no entity survives), and a line break becomes a space (a
 * break would end the table row). Values never start a line in our documents, so line-start
 * markup (`#`, `-`, `>`) needs nothing.
 */
export function markdownText(value: string): string {
  return value
    .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]()|~!#{}]/g, (c) => `\\${c}`);
}
