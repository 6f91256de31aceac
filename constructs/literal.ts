/** How cdktf encodes a reference inside a string until it resolves it at synth. */
const CDKTF_STRING_TOKEN = /(\$\{TfToken\[[a-zA-Z0-9:._-]+\]\})/;

/**
 * Escapes `${` and `%{` so Terraform reads a user-supplied string as a literal, never as an
 * interpolation or directive. cdktf references inside the string stay references.
 */
export function terraformLiteral(value: string): string {
  return value
    .split(CDKTF_STRING_TOKEN)
    // Odd parts are the tokens the capture group kept. Function replacements: in a replacement
    // string "$$" would collapse to "$".
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')))
    .join('');
}

/** terraformLiteral over every value of a string map. */
export function terraformLiterals(values: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, terraformLiteral(v)]));
}
