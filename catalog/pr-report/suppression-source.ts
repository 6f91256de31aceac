import * as fs from 'fs';
import * as path from 'path';
import type { SuppressionSummary } from './analysis-files';

/** Folders that hold no suppression a reviewer should be sent to. */
const SKIPPED = new Set(['node_modules', 'dist', 'cdktf.out', '.git', 'test', 'bench', 'pr-report']);
/** Lines above the reason where its suppress( call may start. */
const CALL_REACH = 6;

function sourceFiles(dir: string, root: string, into: string[]): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (SKIPPED.has(entry.name) || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, root, into);
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) into.push(path.relative(root, full).split(path.sep).join('/'));
  }
  return into;
}

/**
 * Where in the project's source a suppression is declared, as `file:line` (forward slashes,
 * relative to the project): the `suppress(` call whose reason it is, or the line of its reason in
 * the suppressions file. Undefined when the text cannot be found (a reason built at run time).
 */
export function suppressionLocator(projectDir: string): (s: SuppressionSummary) => string | undefined {
  let files: string[] | undefined;
  const lines = new Map<string, string[]>();
  const linesOf = (file: string) => {
    let list = lines.get(file);
    if (!list) lines.set(file, (list = fs.readFileSync(path.join(projectDir, file), 'utf8').split('\n')));
    return list;
  };
  // The reason's first words as the source spells them (a quote inside it may be escaped there).
  const needle = (reason: string) => reason.slice(0, 32).split(/['"`\\]/)[0];
  return (s) => {
    const text = needle(s.reason);
    if (!text) return undefined;
    if (!s.source.startsWith('construct ')) {
      if (!fs.existsSync(path.join(projectDir, s.source))) return undefined;
      const at = linesOf(s.source).findIndex((l) => l.includes(text));
      return at < 0 ? undefined : `${s.source}:${at + 1}`;
    }
    if (!fs.existsSync(projectDir)) return undefined;
    files ??= sourceFiles(projectDir, projectDir, []);
    for (const file of files) {
      const list = linesOf(file);
      for (let i = 0; i < list.length; i++) {
        if (!list[i].includes(text)) continue;
        for (let j = i; j >= Math.max(0, i - CALL_REACH); j--) {
          if (/\bsuppress\(/.test(list[j]) && list.slice(j, i + 1).join('\n').includes(s.rule)) return `${file}:${j + 1}`;
        }
      }
    }
    return undefined;
  };
}
