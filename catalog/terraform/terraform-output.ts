import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError } from '../../model/errors';
import { analysisRoot } from '../../model/analysis-root';
import { NO_PARSED_FILES, ParsedFiles } from '../../model/parsed-files';
import { parseJson } from '../../model/read-json';
import { readBoundedFile, realPathInside } from '../../model/safe-read';
import { checkStackMetadata, METADATA_KEY, OrganisationMetadata, StackMetadata } from '../../model/golden-path-metadata';
import { compareText } from '../../model/stable-json';
import { Json, membersOf } from '../../model/json-object';
import { ConfigurationFolder, configurationFiles, mergeConfigurations, readConfigurationFolder, SourceLocation } from './configuration-folder';
import { CdktfManifest, checkConfigurationShape, checkManifestShape } from './configuration-shape';
import type { Value } from './hcl-expression';
import { calledFolders, loadModuleCalls, ModuleCallSource } from './module-tree';
import type { NotAnalysed, ResourceInstance } from './resource-instances';
import { assignedNames, rootVariableValues, VariableArgument } from './variable-values';

export type { Json } from '../../model/json-object';

/** One Terraform JSON configuration: a cdktf stack, or a hand-written `.tf.json` folder. */
export interface TerraformConfiguration {
  /** Stack name (cdktf) or the folder / file name (plain Terraform). */
  readonly stack: string;
  /** Files it was read from, relative to the input directory. */
  readonly files: readonly string[];
  readonly json: Json;
  readonly metadata?: StackMetadata;
  /** Read from a plan (`terraform show -json`) or a state: its resource instances with their values, already resolved. */
  readonly planned?: readonly ResourceInstance[];
  /** Read from a state: what it holds that the configuration no longer declares (the next apply would destroy them). */
  readonly orphans?: readonly NotAnalysed[];
  /** Plain Terraform folders: where each block is declared. */
  readonly locations?: ReadonlyMap<string, SourceLocation>;
  /** Plain Terraform folders: each module call's configuration, read from its source (or why not). */
  readonly modules?: ReadonlyMap<string, ModuleCallSource>;
  /** Plain Terraform folders: the values given for its variables (tfvars, --var-file, --var, TF_VAR_). */
  readonly variables?: ReadonlyMap<string, Value>;
}

/** How plain Terraform folders are read: the variable arguments given, and the environment TF_VAR_ values come from. */
export interface FolderReadOptions {
  readonly variables?: readonly VariableArgument[];
  readonly env?: NodeJS.ProcessEnv;
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

/**
 * Reads synthesized Terraform: a cdktf output directory (`stacks/<name>/cdk.tf.json`, located
 * through manifest.json when present), or any folder of `.tf.json` files (each subfolder with
 * such files is one configuration). Every file is read by readConfigurationFile, inside the
 * analysis root (`root`, by default the folder's git top level: model/analysis-root.ts). Errors
 * name the file. Files in `parsed` are taken from there.
 */
export function readTerraformOutput(dir: string, parsed: ParsedFiles = NO_PARSED_FILES, root?: string, options: FolderReadOptions = {}): TerraformConfiguration[] {
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
  return readTerraformFolders(top, inside, options);
}

/**
 * Plain Terraform under `top`: each folder holding .tf or .tf.json files is a root
 * configuration, unless another folder calls it as a local module (then it is analysed only
 * with its caller's inputs). Each root gets its variables' values and its module tree.
 */
function readTerraformFolders(top: string, root: string, options: FolderReadOptions): TerraformConfiguration[] {
  const folders = new Map<string, ConfigurationFolder | undefined>();
  const found: Array<{ dir: string; real: string; read: ConfigurationFolder }> = [];
  const walk = (folder: string) => {
    if (configurationFiles(folder).length) {
      const real = fs.realpathSync(folder);
      if (!folders.has(real)) folders.set(real, readConfigurationFolder(folder, top, root));
      const read = folders.get(real);
      if (read) found.push({ dir: folder, real, read });
    }
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => compareText(a.name, b.name))) {
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'catalog') walk(path.join(folder, entry.name));
    }
  };
  walk(top);
  if (!found.length) throw new GroundworkError(`${top} holds no Terraform configuration: no manifest.json, and no .tf or .tf.json files.`);
  const called = new Set(found.flatMap(({ dir, read }) => calledFolders(read.json, dir).map((f) => (fs.existsSync(f) ? fs.realpathSync(f) : f))));
  const roots = found.filter((f) => !called.has(f.real));
  // Every folder called by another (a cycle of calls): analyse them all, so the cycle is named.
  const analysed = roots.length ? roots : found;
  const unused = assignedNames(options.variables ?? []).find((name) => !analysed.some(({ read }) => membersOf(read.json.variable)[name]));
  if (unused !== undefined) throw new GroundworkError(`--var ${unused}: no root configuration under ${top} declares variable "${unused}".`);
  return analysed.map(({ dir, read }) => ({
    ...configuration(path.relative(top, dir) || path.basename(top), [...read.files], [read.json]),
    locations: read.locations,
    modules: loadModuleCalls(read.json, read.locations, dir, top, root, folders),
    variables: rootVariableValues(read.json, dir, top, root, options.variables, options.env),
  }));
}

/** The organisation metadata golden paths leave in the output, from whichever stack carries it. */
export function organisationOf(configurations: readonly TerraformConfiguration[]): OrganisationMetadata | undefined {
  return configurations.find((c) => c.metadata?.organisation)?.metadata?.organisation;
}

function configuration(stack: string, files: string[], parts: Json[]): TerraformConfiguration {
  const json = parts.length === 1 ? parts[0] : mergeConfigurations(parts);
  const raw: unknown = membersOf(json['//'])[METADATA_KEY];
  const metadata: StackMetadata | undefined = raw === undefined ? undefined : checkStackMetadata(raw, files.join(', '));
  return { stack, files, json, ...(metadata ? { metadata } : {}) };
}
