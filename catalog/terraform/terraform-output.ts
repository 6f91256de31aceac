import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError } from '../../model/errors';
import { analysisRoot } from '../../model/analysis-root';
import { NO_PARSED_FILES, ParsedFiles } from '../../model/parsed-files';
import { parseJson } from '../../model/read-json';
import { readBoundedFile, realPathInside } from '../../model/safe-read';
import { checkStackMetadata, METADATA_KEY, OrganisationMetadata, StackMetadata } from '../../model/golden-path-metadata';
import { compareText } from '../../model/stable-json';
import { CdktfManifest, checkConfigurationShape, checkManifestShape } from './configuration-shape';
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

/**
 * One .tf.json file (or cdk.tf.json), the one way every tool reads one: inside `root`, a bounded
 * regular file, valid JSON of bounded depth and of the shape Terraform's JSON syntax has; else one
 * sentence naming it as `shown`. A file synth already parsed (in `parsed`) is only checked.
 */
export function readConfigurationFile(file: string, shown: string, root: string, parsed: ParsedFiles = NO_PARSED_FILES): Json {
  const synthesized = parsed.get(path.resolve(file));
  if (synthesized !== undefined) return checkConfigurationShape(synthesized, shown, { nesting: false });
  return checkConfigurationShape(parseJson(readBoundedFile(file, shown, { root }), shown, 're-run synth, or fix the file'), shown);
}

/** A synthesized output's manifest.json, read and checked as configuration files are. */
export function readManifest(dir: string, root: string = analysisRoot(dir)): CdktfManifest {
  const shown = path.join(dir, 'manifest.json');
  return checkManifestShape(parseJson(readBoundedFile(shown, shown, { root }), shown, 're-run synth'), shown);
}

/**
 * Where a path the manifest gives for `stack` (relative to the output folder `dir`) really is,
 * refused when it leads outside `root`; one sentence when nothing is there.
 */
export function manifestPath(dir: string, relative: string, root: string): string {
  const file = realPathInside(path.resolve(dir, relative), root, `${relative} (listed in ${path.join(dir, 'manifest.json')})`);
  if (file === undefined) throw new GroundworkError(`${relative} is listed in manifest.json but missing from ${dir}: the output is partial; re-run synth.`);
  return file;
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
 * such files is one configuration). Every file is read by readConfigurationFile, inside the
 * analysis root (`root`, by default the folder's git top level: model/analysis-root.ts). Errors
 * name the file. Files in `parsed` are taken from there.
 */
export function readTerraformOutput(dir: string, parsed: ParsedFiles = NO_PARSED_FILES, root?: string): TerraformConfiguration[] {
  const top = path.resolve(dir);
  if (!fs.existsSync(top) || !fs.statSync(top).isDirectory()) {
    throw new GroundworkError(`${dir} is not a directory: pass the synthesized output (cdktf.out) or a folder of .tf.json files.`);
  }
  const inside = analysisRoot(dir, root);
  const configurations: TerraformConfiguration[] = [];
  if (fs.existsSync(path.join(top, 'manifest.json'))) {
    const { stacks } = readManifest(dir, inside);
    for (const name of Object.keys(stacks).sort()) {
      const relative = stacks[name].synthesizedStackPath;
      manifestPath(dir, relative, inside);
      configurations.push(configuration(name, [relative], [readConfigurationFile(path.resolve(top, relative), relative, inside, parsed)]));
    }
    return configurations;
  }
  const walk = (folder: string) => {
    const files = tfJsonFiles(folder);
    const relative = path.relative(top, folder) || path.basename(top);
    if (files.length) {
      const shown = files.map((f) => path.relative(top, path.join(folder, f)));
      configurations.push(configuration(relative, shown, files.map((f, i) => readConfigurationFile(path.join(folder, f), shown[i], inside))));
    }
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => compareText(a.name, b.name))) {
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'catalog') walk(path.join(folder, entry.name));
    }
  };
  walk(top);
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
