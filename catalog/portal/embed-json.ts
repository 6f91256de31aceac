/**
 * JSON for a `<script type="application/json">` block: nothing in any value can close the block
 * or open a comment (`<`, `>`, `&` become \u escapes), and U+2028/2029 are escaped too so the text
 * stays valid in every JavaScript context. JSON.parse reads it back unchanged.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
