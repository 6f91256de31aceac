import * as path from 'path';
import { replaceFolder } from './atomic-write';
import { backstageFiles } from './backstage';
import { buildCatalog } from './build-catalog';
import type { Catalog } from './catalog-model';
import { stableJson } from './stable-json';
import { readTerraformOutput } from './terraform-output';
import { assertValidCatalog, duplicateIds } from './validate-catalog';
import { GroundworkError } from './errors';

export const CATALOG_FOLDER = 'catalog';

export interface Analysis {
  readonly catalog: Catalog;
  /** Relative path inside the catalog folder -> content. */
  readonly files: Map<string, string>;
}

/** Everything the synth-time step derives from an output directory, in memory. */
export function analyse(outdir: string): Analysis {
  const configurations = readTerraformOutput(outdir);
  const catalog = buildCatalog(configurations);
  assertValidCatalog(catalog);
  const duplicates = duplicateIds(catalog);
  if (duplicates.length) throw new GroundworkError(`The catalog has duplicate entity ids: ${duplicates.join(', ')}.`);
  const files = new Map<string, string>([['catalog.json', stableJson(catalog)]]);
  for (const [name, yaml] of backstageFiles(catalog)) files.set(`backstage/${name}`, yaml);
  return { catalog, files };
}

/** Analyses an output directory and replaces its catalog folder atomically. */
export function writeAnalysis(outdir: string): Analysis {
  const analysis = analyse(outdir);
  replaceFolder(path.join(outdir, CATALOG_FOLDER), analysis.files);
  return analysis;
}
