/**
 * The shell blocks of the documentation, as test/docs.test.ts runs or parses them (the convention
 * is docs/index.md, "Every command here is tested"): fenced `sh`/`bash` blocks, the marker on their
 * first line, their commands, and what a parsed command names (npm scripts, flags).
 */
import * as fs from 'fs';
import MarkdownIt from 'markdown-it';
import { parse, type ParseEntry } from 'shell-quote';

export const NEEDS = ['needs-aws', 'needs-github', 'needs-cluster'] as const;

export interface ShellBlock {
  /** Where it is, e.g. docs/finance.md:42. */
  readonly where: string;
  /** The needs-* markers, or parse-only's reason; both empty: the test runs the block. */
  readonly needs: readonly string[];
  readonly parseOnly?: string;
  /** One command per logical line (backslash continuations joined), comment lines left out. */
  readonly commands: readonly string[];
}

const markdown = new MarkdownIt();

/** The marker a block's first line carries; a line that looks like one but is not is an error. */
function markerOf(firstLine: string, where: string): { needs: string[]; parseOnly?: string } {
  const line = firstLine.trim();
  const parseOnly = /^# parse-only: (\S.*)$/.exec(line);
  if (parseOnly) return { needs: [], parseOnly: parseOnly[1] };
  if (/^# needs-/.test(line)) {
    const needs = line.slice(2).split(/:/)[0].split(',').map((s) => s.trim());
    const unknown = needs.filter((n) => !(NEEDS as readonly string[]).includes(n));
    if (unknown.length > 0) throw new Error(`${where}: unknown marker ${unknown.join(', ')}; use ${NEEDS.join(', ')} or "parse-only: <reason>" (docs/index.md).`);
    return { needs };
  }
  if (/^#\s*(parse|needs)/i.test(line)) throw new Error(`${where}: "${line}" is not a marker; write "# parse-only: <reason>" or "# needs-aws" (docs/index.md).`);
  return { needs: [] };
}

/** Logical command lines: continuations joined, blank and comment-only lines dropped. */
export function commandsOf(content: string): string[] {
  return content
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** A code block that shows commands the test would not see: another shell language, or none. */
function hiddenCommands(token: { type: string; info: string; content: string }): boolean {
  const language = token.info.trim().split(/\s+/)[0];
  if (/^(shell|console|zsh|shell-session|terminal|sh-session)$/.test(language)) return true;
  return (language === '' || token.type === 'code_block') && /^\s*\$?\s*(npm|npx|node|terraform|cdktf) /m.test(token.content);
}

export function shellBlocks(file: string, label: string = file): ShellBlock[] {
  const tokens = markdown.parse(fs.readFileSync(file, 'utf8'), {});
  const hidden = tokens.find((t) => (t.type === 'fence' || t.type === 'code_block') && hiddenCommands(t));
  if (hidden) throw new Error(`${label}:${(hidden.map?.[0] ?? 0) + 1}: commands in a block the docs test does not read; fence them as \`\`\`sh (docs/index.md).`);
  return tokens
    .filter((t) => t.type === 'fence' && ['sh', 'bash'].includes(t.info.trim().split(/\s+/)[0]))
    .map((t) => {
      const where = `${label}:${(t.map?.[0] ?? 0) + 1}`;
      return { where, ...markerOf(t.content.split('\n')[0], where), commands: commandsOf(t.content) };
    });
}

/**
 * Commands written inline (`npm run plan -- --offline`), one per script where the text names several
 * (`npm run catalog|cost|policy -- --plan plan.json`); placeholders such as `npm run <script>` left out.
 */
export function inlineCommands(file: string, label: string = file): Array<{ where: string; command: string }> {
  const found: Array<{ where: string; command: string }> = [];
  for (const block of markdown.parse(fs.readFileSync(file, 'utf8'), {})) {
    for (const span of block.children ?? []) {
      if (span.type !== 'code_inline' || !/^(npm run [\w-]|npx (cdktf|@groundwork-platform\/groundwork) )/.test(span.content)) continue;
      const alternatives = /^npm run ([\w:-]+(?:\|[\w:-]+)+)(.*)$/.exec(span.content);
      const commands = alternatives ? alternatives[1].split('|').map((script) => `npm run ${script}${alternatives[2]}`) : [span.content];
      for (const command of commands) found.push({ where: `${label}:${(block.map?.[0] ?? 0) + 1}`, command });
    }
  }
  return found;
}

/**
 * A synopsis's optional arguments (` [--from 2026-09]`, ` [-- --runs 3]`) with their brackets removed,
 * and of alternatives (`effective|billed`) the first.
 */
export const withoutBrackets = (command: string) => command.replace(/ \[(-[^\]]*)\]/g, (_, inner: string) => ` ${inner.replace(/([\w.-]+)(\|[\w.-]+)+/g, '$1')}`);

/** One program call of a command line: its words, environment assignments left out. */
export function simpleCommands(command: string): string[][] {
  const entries: ParseEntry[] = parse(withoutBrackets(command), (name) => `$${name}`);
  const calls: string[][] = [[]];
  for (const entry of entries) {
    if (typeof entry === 'string') calls[calls.length - 1].push(entry);
    else if ('op' in entry && ['&&', '||', ';', '|'].includes(entry.op)) calls.push([]);
    else if ('op' in entry && entry.op === 'glob') calls[calls.length - 1].push(entry.pattern);
    // redirections and comments name no program or flag; a redirection's file stays a plain word
  }
  return calls.map((words) => words.filter((_, i) => !isAssignmentBefore(words, i))).filter((c) => c.length > 0);
}

/** `PGPASSWORD=... psql`: an assignment before the program's name. */
function isAssignmentBefore(words: string[], i: number): boolean {
  const program = words.findIndex((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  return program === -1 || i < program;
}

/** The flags of a call: words starting with a dash, `--x=value` as `--x`; `--` itself is not one. */
export const flagsOf = (words: readonly string[]) => words.filter((w) => /^-{1,2}[A-Za-z]/.test(w)).map((w) => w.replace(/=.*$/, ''));

/** Whether a command's --help text names a flag (as a whole word). */
export const helpNames = (help: string, flag: string) => new RegExp(`(^|[\\s,])${flag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([\\s,=<\\[]|$)`, 'm').test(help);
