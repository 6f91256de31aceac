import { stringifyChunked } from '@discoveryjs/json-ext';

/** `<`, `>`, `&` (and U+2028/2029) as \u escapes: nothing can close the block or open a comment. */
const escapedForScript = (json: string): string => json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * JSON for a `<script type="application/json">` block: nothing in any value can close the block
 * or open a comment (`<`, `>`, `&` become \u escapes), and U+2028/2029 are escaped too so the text
 * stays valid in every JavaScript context. JSON.parse reads it back unchanged.
 */
export function scriptSafeJson(value: unknown): string {
  return escapedForScript(JSON.stringify(value));
}

/** The same text in parts (@discoveryjs/json-ext): a large plan's portal data would exceed V8's longest string as one. */
export function* scriptSafeJsonParts(value: unknown): Generator<string> {
  for (const chunk of stringifyChunked(value)) yield escapedForScript(chunk);
}
