import { interpolationsOf, stringsIn } from '../terraform/configuration-blocks';

/** Comments may sit between a function's name and its parenthesis: drop them first. */
const COMMENTS = /\/\*[\s\S]*?\*\/|(?:#|\/\/)[^\n]*/g;

const patterns = new Map<readonly string[], RegExp>();
function patternFor(names: readonly string[]): RegExp {
  let pattern = patterns.get(names);
  if (!pattern) patterns.set(names, (pattern = new RegExp(`(?<![\\w.:-])(?:provider::[\\w-]+::)?(${names.join('|')})\\s*\\(`, 'g')));
  return pattern;
}

/** Calls of the named functions anywhere in a value's expressions, as `name() at path`, sorted and distinct. */
export function callsOf(value: unknown, names: readonly string[]): Array<{ name: string; path: string }> {
  const pattern = patternFor(names);
  const found = new Map<string, { name: string; path: string }>();
  for (const { path, text } of stringsIn(value)) {
    if (!text.includes('(')) continue;
    for (const expression of interpolationsOf(text)) {
      for (const m of expression.replace(COMMENTS, ' ').matchAll(pattern)) found.set(`${m[1]} ${path}`, { name: m[1], path });
    }
  }
  return [...found.values()];
}

export function describeCalls(calls: ReadonlyArray<{ name: string; path: string }>): string {
  return calls.map((c) => `${c.name}() in ${c.path || 'its value'}`).join(', ');
}
