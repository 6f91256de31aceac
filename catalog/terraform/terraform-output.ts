import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError } from '../../model/errors';
import { NO_PARSED_FILES, ParsedFiles } from '../../model/parsed-files';
import { readJsonFile } from '../../model/read-json';
import { checkStackMetadata, METADATA_KEY, OrganisationMetadata, StackMetadata } from '../../model/golden-path-metadata';
import { compareText } from '../../model/stable-json';
import type { ResourceInstance } from './resource-instances';

export type Json = Record<string, any>;

/** One Terraform JSON configuration: a cdktf stack, or a hand-written `.tf.json` folder. */
export interface TerraformConfiguration {
  /** Stack name (cdktf) or the folder / file name (plain Terraform). */
  readonly stack: string;
  /** Files it was read from, relative to the input directory. */
  readonly files: readonly string[];
  readonly json: Json;
  readonly metadata?: StackMetadata;
  /** Read from a plan (`terraform show -json`): its resource instances with planned values, already resolved. */
  readonly planned?: readonly ResourceInstance[];
}

function parseFile(file: string, shown: string, parsed: ParsedFiles = NO_PARSED_FILES): Json {
  const json = parsed.get(path.resolve(file)) ?? readJsonFile(file, shown, 're-run synth, or fix the file');
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new GroundworkError(`${shown} is not a Terraform JSON configuration: its top level must be an object.`);
  }
  for (const [block, value] of Object.entries(json)) {
    if (['resource', 'data', 'provider', 'output', 'variable', 'locals', 'module'].includes(block) && (typeof value !== 'object' || value === null)) {
      throw new GroundworkError(`${shown}: the "${block}" block must be an object, not ${JSON.stringify(value)}.`);
    }
  }
  return json as Json;
}

/** Terraform merges every .tf.json file of a folder; so do we (resources by type and name). */
function mergeConfigurations(parts: Json[]): Json {
  const merged: Json = {};
  for (const part of parts) {
    for (const [block, value] of Object.entries(part)) {
      if (block === 'resource' || block === 'data') {
        merged[block] ??= {};
        for (const [type, byName] of Object.entries<Json>(value)) merged[block][type] = { ...(merged[block][type] ?? {}), ...byName };
      } else if (block === 'provider') {
        merged.provider ??= {};
        for (const [name, config] of Object.entries<any>(value)) merged.provider[name] = [...(merged.provider[name] ?? []), ...(Array.isArray(config) ? config : [config])];
      } else {
        merged[block] = typeof value === 'object' && !Array.isArray(value) ? { ...(merged[block] ?? {}), ...value } : value;
      }
    }
  }
  return merged;
}

function tfJsonFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.tf.json'))
    .sort();
}

/**
 * Reads synthesized Terraform: a cdktf output directory (`stacks/<name>/cdk.tf.json`, located
 * through manifest.json when present), or any folder of `.tf.json` files (each subfolder with
 * such files is one configuration). Errors name the file. Files in `parsed` are taken from there.
 */
export function readTerraformOutput(dir: string, parsed: ParsedFiles = NO_PARSED_FILES): TerraformConfiguration[] {
  const root = path.resolve(dir);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    throw new GroundworkError(`${dir} is not a directory: pass the synthesized output (cdktf.out) or a folder of .tf.json files.`);
  }
  const configurations: TerraformConfiguration[] = [];
  const manifestFile = path.join(root, 'manifest.json');
  if (fs.existsSync(manifestFile)) {
    const manifest = parseFile(manifestFile, 'manifest.json');
    const stacks = manifest.stacks;
    if (!stacks || typeof stacks !== 'object') throw new GroundworkError(`manifest.json in ${dir} has no "stacks": the output is partial; re-run synth.`);
    for (const name of Object.keys(stacks).sort()) {
      const relative = stacks[name]?.synthesizedStackPath;
      if (typeof relative !== 'string') throw new GroundworkError(`manifest.json in ${dir}: stack "${name}" has no synthesizedStackPath; re-run synth.`);
      const file = path.join(root, relative);
      if (!fs.existsSync(file)) throw new GroundworkError(`${relative} is listed in manifest.json but missing from ${dir}: the output is partial; re-run synth.`);
      configurations.push(configuration(name, [relative], [parseFile(file, relative, parsed)]));
    }
    return configurations;
  }
  const walk = (folder: string) => {
    const files = tfJsonFiles(folder);
    const relative = path.relative(root, folder) || path.basename(root);
    if (files.length) {
      const shown = files.map((f) => path.relative(root, path.join(folder, f)));
      configurations.push(configuration(relative, shown, files.map((f, i) => parseFile(path.join(folder, f), shown[i]))));
    }
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => compareText(a.name, b.name))) {
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'catalog') walk(path.join(folder, entry.name));
    }
  };
  walk(root);
  if (!configurations.length) throw new GroundworkError(`${dir} holds no Terraform JSON: no manifest.json and no .tf.json files.`);
  return configurations;
}

/** The organisation metadata golden paths leave in the output, from whichever stack carries it. */
export function organisationOf(configurations: readonly TerraformConfiguration[]): OrganisationMetadata | undefined {
  return configurations.find((c) => c.metadata?.organisation)?.metadata?.organisation;
}

function configuration(stack: string, files: string[], parts: Json[]): TerraformConfiguration {
  const json = parts.length === 1 ? parts[0] : mergeConfigurations(parts);
  const raw: unknown = json['//']?.[METADATA_KEY];
  const metadata: StackMetadata | undefined = raw === undefined ? undefined : checkStackMetadata(raw, files.join(', '));
  return { stack, files, json, ...(metadata ? { metadata } : {}) };
}
