import { CONTROL_OR_BIDI, escapeControlCharacters, visibleEscape } from './control-characters';

/**
 * Text for a terminal: control and bidi characters from input (a tag value holding `ESC ]0;`, a
 * carriage return, U+202E) are shown escaped (`\x1b`, `\x0d`, `\u202e`), so they can neither
 * clear the screen, retitle the window nor reorder a line; newlines and tabs stay.
 */
export function terminalText(text: string): string {
  return escapeControlCharacters(text, '\n\t');
}

/** Everything a command prints to stdout goes through here. */
export function writeOut(text: string): void {
  process.stdout.write(terminalText(text));
}

/** One line to stdout: what console.log was. */
export function printLine(text: string): void {
  writeOut(`${text}\n`);
}

/**
 * JSON to stdout: JSON.stringify leaves DEL, C1 and bidi characters raw; they become `\u` escapes,
 * which keep the JSON valid and its values equal (outside strings JSON has only spaces and newlines).
 */
export function writeJsonOut(json: string): void {
  process.stdout.write(json.replace(CONTROL_OR_BIDI, (c) => (c === '\n' ? c : visibleEscape(c, true))));
}

/** Everything a command prints to stderr goes through here. */
export function writeErr(text: string): void {
  process.stderr.write(terminalText(text));
}

/** commander's output (help, its own errors such as an unknown option, which quote the input), through the same writer. */
export const TERMINAL_OUTPUT = { writeOut, writeErr };
