/**
 * Characters that act on a terminal or on how text is laid out instead of being shown: C0 and C1
 * controls and DEL (escape sequences, carriage return, bell) and the bidi controls (overrides,
 * isolates, marks) that reorder what a reader sees. Terminal and Markdown output show them escaped.
 */
export const CONTROL_OR_BIDI = /[\p{Cc}\p{Bidi_Control}]/gu;

/** `\x1b` for a code point below 0x100, `\u202e` above (`json`: always `\u001b`, a JSON string escape): what a reader can see and search for. */
export function visibleEscape(character: string, json = false): string {
  const code = character.codePointAt(0)!;
  return code < 0x100 && !json ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The text with every control and bidi character escaped visibly, except those `keep` names (e.g. '\n\t'). */
export function escapeControlCharacters(text: string, keep = ''): string {
  return text.replace(CONTROL_OR_BIDI, (c) => (keep.includes(c) ? c : visibleEscape(c)));
}
