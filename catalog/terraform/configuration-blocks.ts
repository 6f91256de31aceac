import { constructPathOf as pathOf, itemsOf as items, membersOf } from '../../model/json-object';
import type { TerraformConfiguration } from './terraform-output';

/** A block of a configuration other than a managed resource, with the address Terraform gives it. */
export interface ConfigurationBlock {
  readonly address: string;
  readonly body: unknown;
  readonly constructPath?: string;
}


/** Data sources, providers, locals, outputs, variables and module calls: everything a rule over resources does not see. */
export function configurationBlocks(config: TerraformConfiguration): ConfigurationBlock[] {
  const json = config.json;
  const blocks: ConfigurationBlock[] = [];
  for (const [type, byName] of Object.entries(membersOf(json.data))) {
    for (const [name, body] of Object.entries(membersOf(byName))) blocks.push({ address: `data.${type}.${name}`, body, constructPath: pathOf(body) });
  }
  for (const [name, configs] of Object.entries(membersOf(json.provider))) {
    for (const body of items(configs)) blocks.push({ address: `provider.${name}${typeof body.alias === 'string' ? `.${body.alias}` : ''}`, body });
  }
  for (const locals of items(json.locals)) for (const [name, body] of Object.entries(locals)) blocks.push({ address: `local.${name}`, body });
  for (const [kind, prefix] of [['output', 'output'], ['variable', 'var'], ['module', 'module']] as const) {
    for (const [name, body] of Object.entries(membersOf(json[kind]))) blocks.push({ address: `${prefix}.${name}`, body, constructPath: pathOf(body) });
  }
  return blocks;
}

/** Where a container (object or array) sits: its path is spelled out only when a string inside it is asked for its own. */
class Place {
  private spelled?: string;
  constructor(
    private readonly parent: Place | undefined,
    private readonly segment: string | number,
  ) {}

  get path(): string {
    this.spelled ??= joinPath(this.parent?.path ?? '', this.segment);
    return this.spelled;
  }
}

/** A path one step deeper: `a.b` for a key, `a[0]` for an index (the one spelling of where a value sits). */
export const joinPath = (at: string, segment: string | number): string => (typeof segment === 'number' ? `${at}[${segment}]` : at ? `${at}.${segment}` : segment);

/** A string inside a value, with where it sits (`spec.container[0].image`); the path is built when read (most strings are never reported). */
export class StringAt {
  constructor(
    readonly text: string,
    private readonly place: Place | undefined,
    private readonly segment: string | number | undefined,
  ) {}

  get path(): string {
    return this.segment === undefined ? '' : joinPath(this.place?.path ?? '', this.segment);
  }

  /** The argument the path ends in: its last dotted part, one trailing index dropped (`spec.container[0]` -> `container`). */
  get key(): string {
    // An object member with a plain name is its own key: no path needed.
    if (typeof this.segment === 'string' && !this.segment.includes('.') && !this.segment.endsWith(']')) return this.segment;
    return keyOf(this.path);
  }
}

/** The last value walked and its strings: the rules judge one resource after another, each rule walking the same body. */
let lastWalked: { value: object; strings: StringAt[] } | undefined;

/**
 * Every string inside a value with where it sits; `//` comments skipped. Only the last value's
 * strings are kept: a cache per body would keep every body's strings for the whole analysis.
 */
export function stringsIn(value: unknown): StringAt[] {
  if (value === null || typeof value !== 'object') return collectStrings(value, undefined, undefined, []);
  if (lastWalked?.value !== value) lastWalked = { value, strings: collectStrings(value, undefined, undefined, []) };
  return lastWalked.strings;
}

function collectStrings(value: unknown, place: Place | undefined, segment: string | number | undefined, out: StringAt[]): StringAt[] {
  if (typeof value === 'string') out.push(new StringAt(value, place, segment));
  else if (value !== null && typeof value === 'object') {
    const inner = segment === undefined ? undefined : new Place(place, segment);
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) collectStrings(value[i], inner, i, out);
    else for (const k in value) if (k !== '//' && Object.prototype.hasOwnProperty.call(value, k)) collectStrings((value as Record<string, unknown>)[k], inner, k, out);
  }
  return out;
}

/** The argument a path ends in: its last dotted part, one trailing index dropped (`spec.container[0]` -> `container`). */
function keyOf(at: string): string {
  const end = at.endsWith(']') ? at.replace(/\[\d+\]$/, '') : at;
  return end.slice(end.lastIndexOf('.') + 1);
}

/**
 * The expression parts of a Terraform string (`${...}`, `%{...}`), escapes (`$${`, `%%{`) left
 * out; braces inside quoted strings of the expression are skipped.
 */
export function interpolationsOf(text: string): string[] {
  if (!text.includes('{')) return [];
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if ((text[i] === '$' || text[i] === '%') && text[i + 1] === text[i] && text[i + 2] === '{') {
      i += 2;
      continue;
    }
    if ((text[i] !== '$' && text[i] !== '%') || text[i + 1] !== '{') continue;
    let depth = 0;
    let quoted = false;
    let j = i + 1;
    for (; j < text.length; j++) {
      const c = text[j];
      if (quoted) {
        if (c === '\\') j++;
        else if (c === '"') quoted = false;
      } else if (c === '"') quoted = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    out.push(text.slice(i + 2, j));
    i = j;
  }
  return out;
}
