/**
 * The modules a configuration calls, read from their sources as `terraform init` would find them:
 * local paths (`./`, `../`) relative to the calling folder, inside the analysis root; registry
 * and git sources from `.terraform/modules/modules.json`, where `terraform init` recorded the
 * folder it fetched each call into. A cycle of calls, a source leading outside the root or a
 * missing local folder is one sentence naming the call and where it is written.
 */
import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError } from '../../model/errors';
import { parseJson } from '../../model/read-json';
import { readBoundedFile, realPathInside } from '../../model/safe-read';
import { ConfigurationFolder, readConfigurationFolder, SourceLocation } from './configuration-folder';
import { Json, membersOf } from '../../model/json-object';

/** A module's configuration and, recursively, the modules it calls. */
export interface ModuleConfiguration {
  readonly json: Json;
  readonly locations: ReadonlyMap<string, SourceLocation>;
  readonly calls: ReadonlyMap<string, ModuleCallSource>;
}

/** A call's module, or why it was not read (a registry module `terraform init` has not fetched). */
export type ModuleCallSource = { readonly module: ModuleConfiguration } | { readonly notRead: string };

/** Nested calls deeper than this are a mistake (or hostile), not a configuration. */
export const MAX_MODULE_DEPTH = 32;
/** More module calls than this in one tree (a call repeated at every level doubles them) is not a configuration either. */
export const MAX_MODULE_CALLS = 20_000;

const isLocalSource = (source: string) => source.startsWith('./') || source.startsWith('../');

/** Where `terraform init` put each module call: `vpc.subnets` (call names from the root) -> folder. */
function fetchedModules(rootDir: string, top: string, root: string): ReadonlyMap<string, string> {
  const file = path.join(rootDir, '.terraform', 'modules', 'modules.json');
  if (!fs.existsSync(file)) return new Map();
  const shown = path.relative(top, file);
  const json = parseJson(readBoundedFile(file, shown, { root }), shown, 'run terraform init again') as Json;
  const modules: unknown = json?.Modules;
  if (!Array.isArray(modules)) throw new GroundworkError(`${shown} has no "Modules" list: run terraform init again.`);
  const out = new Map<string, string>();
  for (const m of modules) {
    if (m && typeof m.Key === 'string' && typeof m.Dir === 'string' && m.Key) out.set(m.Key, path.resolve(rootDir, m.Dir));
  }
  return out;
}

/** The local folders a configuration's module calls name, resolved (lexically): a folder only called is not a root. */
export function calledFolders(json: Json, dir: string): string[] {
  return Object.values(membersOf(json.module))
    .map((call) => membersOf(call).source)
    .filter((source): source is string => typeof source === 'string' && isLocalSource(source))
    .map((source) => path.resolve(dir, source));
}

interface LoadContext {
  readonly top: string;
  readonly root: string;
  readonly fetched: ReadonlyMap<string, string>;
  readonly folders: Map<string, ConfigurationFolder | undefined>;
  /** Calls read so far in this tree. */
  calls: number;
}

/** The module calls of the root configuration in `dir`, each read with the calls it makes. */
export function loadModuleCalls(json: Json, locations: ReadonlyMap<string, SourceLocation>, dir: string, top: string, root: string, folders: Map<string, ConfigurationFolder | undefined> = new Map()): ReadonlyMap<string, ModuleCallSource> {
  const context: LoadContext = { top, root, fetched: fetchedModules(dir, top, root), folders, calls: 0 };
  return callsOf(json, locations, dir, [], [fs.realpathSync(dir)], context);
}

function callsOf(json: Json, locations: ReadonlyMap<string, SourceLocation>, dir: string, keyPath: readonly string[], chain: readonly string[], context: LoadContext): ReadonlyMap<string, ModuleCallSource> {
  const calls = new Map<string, ModuleCallSource>();
  for (const [name, call] of Object.entries(membersOf(json.module))) {
    const at = locations.get(`module.${name}`);
    const where = `module.${name}${at ? ` (${at.file}:${at.line})` : ''}`;
    if (++context.calls > MAX_MODULE_CALLS) throw new GroundworkError(`${where} takes the module tree past ${MAX_MODULE_CALLS} calls (a module calling another several times at every level): not a configuration to analyse.`);
    const source = membersOf(call).source;
    if (typeof source !== 'string' || !source) throw new GroundworkError(`${where} has no literal source: Terraform requires one.`);
    const key = [...keyPath, name].join('.');
    let folder: string | undefined;
    if (isLocalSource(source)) {
      folder = realPathInside(path.resolve(dir, source), context.root, `${where}: its source "${source}"`);
      if (folder === undefined) {
        calls.set(name, { notRead: `not analysed (module): its source ${source} does not exist beside the calling configuration` });
        continue;
      }
      if (!fs.statSync(folder).isDirectory()) throw new GroundworkError(`${where}: its source "${source}" is not a folder.`);
    } else {
      const fetched = context.fetched.get(key);
      if (fetched === undefined || !fs.existsSync(fetched)) {
        calls.set(name, { notRead: `not analysed (module): ${source} is not fetched; run terraform init (it records .terraform/modules/modules.json), or run on a plan` });
        continue;
      }
      folder = realPathInside(fetched, context.root, `${where}: the folder terraform init fetched it into`);
      if (folder === undefined) throw new GroundworkError(`${where}: .terraform/modules/modules.json names a folder that is missing; run terraform init again.`);
    }
    if (chain.includes(folder)) throw new GroundworkError(`${where} calls ${path.relative(context.top, folder) || '.'}, which is already calling it: module calls form a cycle, which Terraform refuses.`);
    if (chain.length > MAX_MODULE_DEPTH) throw new GroundworkError(`${where} is nested more than ${MAX_MODULE_DEPTH} modules deep: not a configuration to analyse.`);
    if (!context.folders.has(folder)) context.folders.set(folder, readConfigurationFolder(folder, context.top, context.root));
    const read = context.folders.get(folder);
    if (!read) throw new GroundworkError(`${where}: its source "${source}" holds no .tf or .tf.json file.`);
    calls.set(name, { module: { json: read.json, locations: read.locations, calls: callsOf(read.json, read.locations, folder, [...keyPath, name], [...chain, folder], context) } });
  }
  return calls;
}
