/**
 * One folder of Terraform as Terraform loads it: every `.tf` (HCL, through hcl2json) and
 * `.tf.json` file merged into one configuration, then the override files (`override.tf[.json]`,
 * `*_override.tf[.json]`) merged over it in lexical order, as Terraform merges them: an argument or
 * nested block type named in an override replaces the original's. Each block keeps the file and
 * line of its header in the primary file that declares it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError } from '../../model/errors';
import { parseJson } from '../../model/read-json';
import { readBoundedFile } from '../../model/safe-read';
import { compareText } from '../../model/stable-json';
import { HeaderLines, hclHeaderLines, jsonHeaderLines } from './block-headers';
import { checkConfigurationShape } from './configuration-shape';
import { parseHcl } from './hcl-parser';
import { asTerraformJson } from './hcl-syntax';
import { itemsOf as asList, Json, membersOf } from '../../model/json-object';

/** Where a block is written: a file (relative to the input folder) and the line of its header. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

export interface ConfigurationFolder {
  readonly json: Json;
  /** Files read, as shown (relative to the input folder), primary files first. */
  readonly files: readonly string[];
  /** Block key (`resource.<type>.<name>`, `module.<name>`, ...) -> where it is declared. */
  readonly locations: ReadonlyMap<string, SourceLocation>;
}

const isOverride = (name: string) => /^override\.tf(\.json)?$/.test(name) || /_override\.tf(\.json)?$/.test(name);
export const isConfigurationFile = (name: string) => name.endsWith('.tf') || name.endsWith('.tf.json');

/** The configuration files of a folder (regular entries ending .tf or .tf.json), sorted as Terraform sorts them. */
export function configurationFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.isDirectory() && isConfigurationFile(e.name))
    .map((e) => e.name)
    .sort(compareText);
}

/** One file in Terraform's JSON syntax, with its blocks' header lines. */
function readFile(file: string, shown: string, root: string): { json: Json; headers: HeaderLines } {
  const text = readBoundedFile(file, shown, { root });
  if (file.endsWith('.tf.json')) return { json: checkConfigurationShape(parseJson(text, shown, 're-run synth, or fix the file'), shown), headers: jsonHeaderLines(text) };
  return { json: checkConfigurationShape(asTerraformJson(parseHcl(text, shown), shown), shown), headers: hclHeaderLines(text) };
}

/** A member object of `parent`, made when absent: the merged configuration is built block by block. */
const child = (parent: Json, key: string): Json => (parent[key] ??= {}) as Json;

/** Terraform merges a folder's primary files; so do we: blocks by their labels, locals and providers collected. */
export function mergeConfigurations(parts: readonly Json[]): Json {
  const merged: Json = {};
  for (const part of parts) {
    for (const [block, value] of Object.entries(part)) {
      if (block === 'resource' || block === 'data') {
        const types = child(merged, block);
        for (const [type, byName] of Object.entries(membersOf(value))) types[type] = { ...membersOf(types[type]), ...membersOf(byName) };
      } else if (block === 'provider') {
        const providers = child(merged, 'provider');
        for (const [name, config] of Object.entries(membersOf(value))) providers[name] = [...((providers[name] as Json[] | undefined) ?? []), ...asList(config)];
      } else if (block === 'locals' || block === 'terraform') {
        merged[block] = [...asList(merged[block]), ...asList(value)];
      } else {
        merged[block] = typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...membersOf(merged[block]), ...value } : value;
      }
    }
  }
  return merged;
}

/** A body with an override's arguments and nested block types put over it (lifecycle merged argument by argument). */
function overridden(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(over)) {
    out[key] = key === 'lifecycle' ? [{ ...asList(base.lifecycle)[0], ...asList(value)[0] }] : value;
  }
  // Terraform: count and for_each exclude each other; the override's wins.
  if ('count' in over) delete out.for_each;
  if ('for_each' in over) delete out.count;
  return out;
}

/** Merges one override file into the configuration, as Terraform does; overriding what is not declared is refused. */
function applyOverride(merged: Json, over: Json, shown: string): void {
  const missing = (what: string) => new GroundworkError(`${shown} overrides ${what}, which no other file of its folder declares: Terraform refuses an override without a base.`);
  for (const [block, value] of Object.entries(over)) {
    if (block === 'resource' || block === 'data') {
      for (const [type, byName] of Object.entries(membersOf(value))) {
        for (const [name, body] of Object.entries(membersOf(byName))) {
          const byBaseName = membersOf(membersOf(merged[block])[type]);
          const base = byBaseName[name];
          if (!base) throw missing(`${block === 'data' ? 'data.' : ''}${type}.${name}`);
          byBaseName[name] = overridden(asList(base)[0], asList(body)[0]);
        }
      }
    } else if (block === 'variable' || block === 'output' || block === 'module') {
      for (const [name, body] of Object.entries(membersOf(value))) {
        const bases = membersOf(merged[block]);
        if (!bases[name]) throw missing(`${block === 'variable' ? 'var' : block}.${name}`);
        bases[name] = overridden(membersOf(bases[name]), membersOf(body));
      }
    } else if (block === 'provider') {
      for (const [name, configs] of Object.entries(membersOf(value))) {
        for (const config of asList(configs)) {
          const list = (membersOf(merged.provider)[name] ?? []) as Json[];
          const at = list.findIndex((c) => (c.alias ?? null) === (config.alias ?? null));
          if (at < 0) throw missing(`provider ${name}${config.alias ? ` (alias ${config.alias})` : ''}`);
          list[at] = overridden(list[at], config);
        }
      }
    } else if (block === 'locals') {
      for (const locals of asList(value)) {
        for (const [name, expression] of Object.entries(locals)) {
          const holder = asList(merged.locals).find((l) => name in l);
          if (!holder) throw missing(`local.${name}`);
          holder[name] = expression;
        }
      }
    } else if (block !== '//') {
      merged[block] = [...asList(merged[block]), ...asList(value)];
    }
  }
}

/**
 * Reads the folder `dir` (its files shown relative to `top`), every file inside `root`.
 * Undefined when the folder holds no configuration file.
 */
export function readConfigurationFolder(dir: string, top: string, root: string): ConfigurationFolder | undefined {
  const names = configurationFiles(dir);
  if (!names.length) return undefined;
  const shownOf = (name: string) => path.relative(top, path.join(dir, name)) || name;
  const primary = names.filter((n) => !isOverride(n));
  const overrides = names.filter(isOverride);
  const locations = new Map<string, SourceLocation>();
  const parts: Json[] = [];
  for (const name of primary) {
    const shown = shownOf(name);
    const { json, headers } = readFile(path.join(dir, name), shown, root);
    for (const [key, line] of headers) {
      const earlier = key.startsWith('resource.') || key.startsWith('data.') || key.startsWith('module.') ? locations.get(key) : undefined;
      if (earlier) throw new GroundworkError(`${shown}:${line}: ${key.replace(/^resource\./, '')} is declared again (first in ${earlier.file}:${earlier.line}); Terraform allows one block of that name.`);
      if (!locations.has(key)) locations.set(key, { file: shown, line });
    }
    parts.push(json);
  }
  const json = mergeConfigurations(parts);
  for (const name of overrides) applyOverride(json, readFile(path.join(dir, name), shownOf(name), root).json, shownOf(name));
  return { json, files: [...primary, ...overrides].map(shownOf), locations };
}
