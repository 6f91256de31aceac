/**
 * `npm run catalog -- <dir>`: the analysis of a synthesized output directory or any folder of
 * Terraform JSON, without cdktf; prints the catalog's summary. Writes every report, from the
 * same inputs as synth.
 */
import * as path from 'path';
import { Command } from 'commander';
import { writeAnalysis } from '../catalog/analyse';
import { runCommand } from '../model/run-command';
import { TERMINAL_OUTPUT, printLine } from '../model/terminal-text';
import { notAnalysedLines } from '../catalog/terraform/not-analysed';
import { analysisRequest, withAnalysisFlags } from './analysis-flags';

runCommand(() => {
  const program = withAnalysisFlags(new Command('catalog').configureOutput(TERMINAL_OUTPUT).description('Build the service catalog and Backstage entities from synthesized Terraform JSON')).parse();
  const { dir, inputs } = analysisRequest(program);
  const { catalog, files } = writeAnalysis(dir, inputs);
  const s = catalog.summary;
  printLine(`Catalog of ${s.services} services, ${s.teams} teams, ${s.resources} resources (${s.terraformResources} Terraform resources, ${s.unownedTerraformResources} without an owning service).`);
  for (const line of notAnalysedLines(catalog.notAnalysed)) printLine(line);
  printLine(`Wrote ${files.size} files to ${path.join(dir, 'catalog')}.`);
});
