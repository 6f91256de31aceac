import * as fs from 'fs';
import * as path from 'path';
import { replaceFolder } from '../model/atomic-write';
import { backstageFiles } from './service-catalog/backstage';
import { portalHtml } from './portal/portal';
import { buildCatalog } from './service-catalog/build-catalog';
import type { Catalog } from './service-catalog/catalog-model';
import { stableJson } from '../model/stable-json';
import { organisationOf, readTerraformOutput } from './terraform/terraform-output';
import { assertValidCatalog, duplicateIds } from './service-catalog/validate-catalog';
import { addCostsToCatalog } from './cost/catalog-costs';
import { estimate } from './cost/estimate';
import { loadPriceTables } from './cost/price-table';
import { buildCostReport, CostReport, costCsv, costMarkdown } from './cost/report';
import { Usage } from './cost/usage';
import { GroundworkError } from '../model/errors';
import { runPolicy } from './policy/engine';
import { buildPolicyReport, PolicyReport } from './policy/report';
import { loadSuppressionFile, metadataSuppressions } from './policy/suppressions';
import { readJsonFile } from '../model/read-json';
import { indexResources } from './terraform/resource-index';
import type { SpendRow } from './spend/spend';

export const CATALOG_FOLDER = 'catalog';

export interface AnalysisOptions {
  /** Folder of <region>.json price tables. @default the built-in catalog/prices */
  readonly prices?: string;
  /** Folder of usage files (defaults.json, <service>.json). @default none: documented defaults */
  readonly usage?: string;
  /** The reviewed suppressions file (YAML). @default none */
  readonly suppressions?: string;
  /** Date suppressions' expiry is compared with (YYYY-MM-DD). @default today */
  readonly today?: string;
}

/** Where `npm run spend` leaves actual spend, inside an output directory; the catalog picks it up. */
export const SPEND_FOLDER = 'spend';

export interface Analysis {
  readonly catalog: Catalog;
  readonly cost: CostReport;
  readonly policy: PolicyReport;
  /** Relative path inside the catalog folder -> content. */
  readonly files: Map<string, string>;
}

/** Everything the synth-time step derives from an output directory, in memory. */
export function analyse(outdir: string, options: AnalysisOptions = {}): Analysis {
  const configurations = readTerraformOutput(outdir);
  const records = indexResources(configurations);
  const catalog = buildCatalog(configurations, records);
  const usage = Usage.load(options.usage);
  const estimated = estimate(configurations, { tables: loadPriceTables(options.prices), usage }, records);
  addCostsToCatalog(catalog, estimated);
  const cost = buildCostReport(estimated, usage);
  const organisation = organisationOf(configurations);
  const suppressions = [
    ...metadataSuppressions(configurations.flatMap((c) => c.metadata?.suppressions ?? [])),
    ...loadSuppressionFile(options.suppressions),
  ];
  const serviceOfAddress = new Map(catalog.entities.filter((e) => e.kind === 'resource' && e.service).flatMap((e) => e.terraform.map((t) => [`${t.stack}/${t.address}`, e.service!] as const)));
  const run = runPolicy(records, organisation, suppressions, {
    today: options.today ?? new Date().toISOString().slice(0, 10),
    serviceOf: (r) => serviceOfAddress.get(`${r.stack}/${r.address}`),
    configurations,
  });
  const policy = buildPolicyReport(run, catalog, records);
  addSpendToCatalog(catalog, path.join(outdir, SPEND_FOLDER, 'spend.json'));
  assertValidCatalog(catalog);
  const duplicates = duplicateIds(catalog);
  if (duplicates.length) throw new GroundworkError(`The catalog has duplicate entity ids: ${duplicates.join(', ')}.`);
  const files = new Map<string, string>([['catalog.json', stableJson(catalog)]]);
  for (const [name, yaml] of backstageFiles(catalog)) files.set(`backstage/${name}`, yaml);
  files.set('cost-report.json', stableJson(cost));
  files.set('cost-report.md', costMarkdown(cost, catalog.organisation));
  files.set('cost-report.csv', costCsv(cost));
  files.set('policy.json', stableJson(policy));
  files.set('index.html', portalHtml(catalog, cost, policy));
  return { catalog, cost, policy, files };
}

/** Actual spend of the latest month on services, teams and environments, when `npm run spend` has run. */
function addSpendToCatalog(catalog: Catalog, file: string): void {
  if (!fs.existsSync(file)) return;
  const spend = readJsonFile(file, file) as { currency: string; months: string[]; byService: SpendRow[]; byTeam: SpendRow[]; byEnvironment: SpendRow[] };
  const month = spend.months.at(-1);
  if (!month) return;
  const rows = new Map<string, SpendRow>([...spend.byService.map((r) => [`service:${r.name}`, r] as const), ...spend.byTeam.map((r) => [`team:${r.name}`, r] as const), ...spend.byEnvironment.map((r) => [`environment:${r.name}`, r] as const)]);
  for (const e of catalog.entities) {
    const row = rows.get(e.id);
    if (row) e.spend = { month, amount: Math.round((row.months[month] ?? 0) * 100) / 100, currency: spend.currency };
  }
}

/** Analyses an output directory and replaces its catalog folder atomically. */
export function writeAnalysis(outdir: string, options: AnalysisOptions = {}): Analysis {
  const analysis = analyse(outdir, options);
  replaceFolder(path.join(outdir, CATALOG_FOLDER), analysis.files);
  return analysis;
}
