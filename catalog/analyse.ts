/**
 * The one analysis of a synthesized output folder: catalog, cost, guardrails, Backstage entities
 * and the portal, from the same inputs whoever calls it (synth or a command).
 */
import * as fs from 'fs';
import * as path from 'path';
import { replaceFolderWith, writeFileInParts } from '../model/atomic-write';
import { claimOutputFolder, onlyEntries, OutputKind } from '../model/output-folder';
import { GroundworkError } from '../model/errors';
import { NO_PARSED_FILES, ParsedFiles } from '../model/parsed-files';
import { stableJsonParts } from '../model/stable-json';
import { AnalysisInputs, CATALOG_FOLDER, DEFAULT_INPUTS, SPEND_FOLDER } from './analysis-inputs';

export { CATALOG_FOLDER, SPEND_FOLDER } from './analysis-inputs';
import { checkContract, readContract } from './contracts';
import { withCosts } from './cost/catalog-costs';
import { Estimate, estimate } from './cost/estimate';
import { loadPriceTables } from './cost/price-table';
import { buildCostReport, CostReport, costCsv, costMarkdown } from './cost/report';
import { Usage } from './cost/usage';
import { runPolicy } from './policy/engine';
import { buildPolicyReport, PolicyReport, withScorecards } from './policy/report';
import { loadSuppressionFile, metadataSuppressions } from './policy/suppressions';
import { portalHtmlParts } from './portal/portal';
import { formLinks, PortalForms } from './portal/portal-data';
import { backstageFiles } from './service-catalog/backstage';
import { buildCatalog } from './service-catalog/build-catalog';
import type { Catalog } from './service-catalog/catalog-model';
import { duplicateIds } from './service-catalog/validate-catalog';
import type { SpendDocument } from './spend/report';
import { readResources } from './terraform/ownership-inference';
import { readPlans } from './terraform/plan-reader';
import { notAnalysed } from './terraform/not-analysed';
import { isConfigurationFile } from './terraform/configuration-folder';
import { readState } from './terraform/state-reader';
import { organisationOf, readTerraformOutput, TerraformConfiguration } from './terraform/terraform-output';

export interface Analysis {
  readonly catalog: Catalog;
  readonly cost: CostReport;
  readonly policy: PolicyReport;
  /** Relative path inside the catalog folder -> content. */
  readonly files: Map<string, string>;
}

/** Everything the synth-time step derives from an output directory, in memory; files synth already parsed are not parsed again. */
export function analyse(outdir: string, given: Partial<AnalysisInputs> = {}, parsed: ParsedFiles = NO_PARSED_FILES): Analysis {
  const reports = analyseReports(outdir, given, parsed);
  const files = new Map<string, string>();
  writeReportFiles(reports, (name, content) => files.set(name, typeof content === 'string' ? content : [...content].join('')));
  return { ...reports, files };
}

/** The analysis's three contracts, and the portal's links to the issue forms, before any report file is made. */
type Reports = Omit<Analysis, 'files'> & { readonly forms?: PortalForms };

function analyseReports(outdir: string, given: Partial<AnalysisInputs>, parsed: ParsedFiles): Reports {
  const { described, estimated, cost, policy, forms } = describeAndJudge(outdir, { ...DEFAULT_INPUTS, ...given }, parsed);
  const catalog = checkContract('catalog', withSpend(withScorecards(withCosts(described, estimated), policy.scorecards), readSpend(outdir)), 'catalog.json');
  const duplicates = duplicateIds(catalog);
  if (duplicates.length) throw new GroundworkError(`The catalog has duplicate entity ids: ${duplicates.join(', ')}.`);
  return { catalog, cost, policy, forms };
}

/**
 * The catalog before costs, the estimate, and the cost and policy reports. Its own function so
 * that the configurations, resource records and policy run (a large plan's largest structures)
 * are garbage once it returns.
 */
function describeAndJudge(outdir: string, inputs: AnalysisInputs, parsed: ParsedFiles): { described: Catalog; estimated: Estimate; cost: CostReport; policy: PolicyReport; forms?: PortalForms } {
  const configurations = inputs.plan ? readPlans(inputs.plan) : inputs.state ? [readStateBeside(inputs)] : readTerraformOutput(outdir, parsed, inputs.root, { variables: inputs.variables });
  const records = readResources(configurations);
  const usage = Usage.load(inputs.usage);
  const estimated = estimate(configurations, { tables: loadPriceTables(inputs.prices), usage }, records);
  const cost = checkContract('cost-report', buildCostReport(estimated, usage), 'cost-report.json');
  const suppressions = [...metadataSuppressions(configurations.flatMap((c) => c.metadata?.suppressions ?? [])), ...loadSuppressionFile(inputs.suppressions)];
  const run = runPolicy(records, organisationOf(configurations), suppressions, { today: inputs.today ?? new Date().toISOString().slice(0, 10), configurations });
  const described = buildCatalog(configurations, records);
  const policy = checkContract('policy-report', buildPolicyReport(run, described, records, notAnalysed(configurations, records)), 'policy.json');
  return { described, estimated, cost, policy, forms: formLinks(organisationOf(configurations)) };
}

/**
 * A state, compared with the configuration in its own folder (where Terraform keeps
 * terraform.tfstate beside the configuration) when that folder holds one.
 */
function readStateBeside(inputs: AnalysisInputs): TerraformConfiguration {
  const folder = path.dirname(path.resolve(inputs.state!));
  const holdsTerraform = fs.readdirSync(folder).some(isConfigurationFile);
  const configurations = holdsTerraform ? readTerraformOutput(folder, NO_PARSED_FILES, inputs.root, { variables: inputs.variables }) : [];
  return readState(inputs.state!, configurations.find((c) => c.stack === path.basename(folder)) ?? (configurations.length === 1 ? configurations[0] : undefined));
}

/**
 * Makes each report file and hands it over before the next is made, so that only one report's
 * text is in memory at a time; catalog.json (the largest) comes in parts.
 */
function writeReportFiles({ catalog, cost, policy, forms }: Reports, write: (name: string, content: string | Iterable<string>) => void): void {
  write('catalog.json', stableJsonParts(catalog));
  for (const [name, yaml] of backstageFiles(catalog)) write(`backstage/${name}`, yaml);
  write('cost-report.json', stableJsonParts(cost));
  write('cost-report.md', costMarkdown(cost, catalog.organisation));
  write('cost-report.csv', costCsv(cost));
  write('policy.json', stableJsonParts(policy));
  write('index.html', portalHtmlParts(catalog, cost, policy, forms));
}

/** The last `npm run spend` result kept in the output folder, if any. */
function readSpend(outdir: string): SpendDocument | undefined {
  const file = path.join(outdir, SPEND_FOLDER, 'spend.json');
  return fs.existsSync(file) ? readContract('spend-report', file) : undefined;
}

/** The catalog with the latest month's actual spend on its services, teams and environments. */
function withSpend(catalog: Catalog, spend: SpendDocument | undefined): Catalog {
  const month = spend?.months.at(-1);
  if (!spend || !month) return catalog;
  const rows = new Map<string, SpendDocument['byService'][number]>([...spend.byService.map((r) => [`service:${r.name}`, r] as const), ...spend.byTeam.map((r) => [`team:${r.name}`, r] as const), ...spend.byEnvironment.map((r) => [`environment:${r.name}`, r] as const)]);
  return {
    ...catalog,
    entities: catalog.entities.map((e) => {
      const row = rows.get(e.id);
      return row ? { ...e, spend: { month, amount: Math.round((row.months[month] ?? 0) * 100) / 100, currency: spend.currency } } : e;
    }),
  };
}

/** The catalog folder's reports; an unmarked folder holding only these was written by an earlier version. */
export const CATALOG_OUTPUT: OutputKind = {
  id: 'catalog',
  name: 'the catalog reports',
  writtenBefore: onlyEntries(['catalog.json'], (e) => ['backstage', 'cost-report.json', 'cost-report.md', 'cost-report.csv', 'policy.json', 'index.html'].includes(e)),
};

/** What writeAnalysis returns: the contracts, and the names of the files written (their text is on disk, not in memory). */
export type WrittenAnalysis = Reports & { readonly files: ReadonlySet<string> };

/**
 * Analyses an output directory and replaces its catalog folder atomically, writing each report as
 * it is made (refused before anything is read where that folder is not the platform's).
 */
export function writeAnalysis(outdir: string, inputs: Partial<AnalysisInputs> = {}, parsed: ParsedFiles = NO_PARSED_FILES): WrittenAnalysis {
  const folder = path.join(outdir, CATALOG_FOLDER);
  claimOutputFolder(folder, CATALOG_OUTPUT);
  const reports = analyseReports(outdir, inputs, parsed);
  const files = new Set<string>();
  replaceFolderWith(folder, CATALOG_OUTPUT, (staging) =>
    writeReportFiles(reports, (name, content) => {
      writeFileInParts(path.join(staging, name), content);
      files.add(name);
    }),
  );
  return { ...reports, files };
}
