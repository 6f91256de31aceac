import * as path from 'path';
import { replaceFolder } from './atomic-write';
import { backstageFiles } from './backstage';
import { buildCatalog } from './build-catalog';
import type { Catalog } from './catalog-model';
import { stableJson } from './stable-json';
import { readTerraformOutput } from './terraform-output';
import { assertValidCatalog, duplicateIds } from './validate-catalog';
import { addCostsToCatalog } from './cost/catalog-costs';
import { estimate } from './cost/estimate';
import { loadPriceTables } from './cost/price-table';
import { buildCostReport, CostReport, costCsv, costMarkdown } from './cost/report';
import { Usage } from './cost/usage';
import { GroundworkError } from './errors';

export const CATALOG_FOLDER = 'catalog';

export interface AnalysisOptions {
  /** Folder of <region>.json price tables. @default the built-in catalog/prices */
  readonly prices?: string;
  /** Folder of usage files (defaults.json, <service>.json). @default none: documented defaults */
  readonly usage?: string;
}

export interface Analysis {
  readonly catalog: Catalog;
  readonly cost: CostReport;
  /** Relative path inside the catalog folder -> content. */
  readonly files: Map<string, string>;
}

/** Everything the synth-time step derives from an output directory, in memory. */
export function analyse(outdir: string, options: AnalysisOptions = {}): Analysis {
  const configurations = readTerraformOutput(outdir);
  const catalog = buildCatalog(configurations);
  const usage = Usage.load(options.usage);
  const estimated = estimate(configurations, { tables: loadPriceTables(options.prices), usage });
  addCostsToCatalog(catalog, estimated);
  const cost = buildCostReport(estimated, usage);
  assertValidCatalog(catalog);
  const duplicates = duplicateIds(catalog);
  if (duplicates.length) throw new GroundworkError(`The catalog has duplicate entity ids: ${duplicates.join(', ')}.`);
  const files = new Map<string, string>([['catalog.json', stableJson(catalog)]]);
  for (const [name, yaml] of backstageFiles(catalog)) files.set(`backstage/${name}`, yaml);
  files.set('cost-report.json', stableJson(cost));
  files.set('cost-report.md', costMarkdown(cost, catalog.organisation));
  files.set('cost-report.csv', costCsv(cost));
  return { catalog, cost, files };
}

/** Analyses an output directory and replaces its catalog folder atomically. */
export function writeAnalysis(outdir: string, options: AnalysisOptions = {}): Analysis {
  const analysis = analyse(outdir, options);
  replaceFolder(path.join(outdir, CATALOG_FOLDER), analysis.files);
  return analysis;
}
