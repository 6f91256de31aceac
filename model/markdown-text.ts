import { escapeControlCharacters } from './control-characters';

/**
 * A value as literal text inside a Markdown line or table cell: Markdown's inline markup is
 * backslash-escaped (so `|` cannot end a cell, `[x](javascript:...)` is no link, `` ` `` no code),
 * HTML becomes entities (no tag, no entity survives), `@` cannot mention anyone, and a line break becomes a space (a
 * break would end the table row). Values never start a line in our reports, so line-start
 * markup (`#`, `-`, `>`) needs nothing.
 *
 * Bare URLs are inert: the colon of `scheme://`, the second slash of `//` and the dot of `www.` become character references,
 * which render as the same characters but split the text where autolinkers (GitHub's, linkify) look
 * for a URL. Control and bidi characters are shown escaped (`\x1b`, `\u202e`): backslash before a
 * letter is literal in Markdown.
 */
export function markdownText(value: string): string {
  const text = value
    .replace(/[\\`*_{}[\]()#+!|~$]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '&#64;')
    .replace(/:(?=\/\/)/g, '&#58;')
    .replace(/\/\//g, '/&#47;')
    .replace(/(www)\./gi, '$1&#46;')
    .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ');
  return escapeControlCharacters(text, '\t');
}
