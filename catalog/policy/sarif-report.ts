import * as fs from 'fs';
import * as path from 'path';
import { analysisRoot } from '../../model/analysis-root';
import { stableJson } from '../../model/stable-json';
import { readPlans } from '../terraform/plan-reader';
import { readTerraformOutput } from '../terraform/terraform-output';
import type { Finding } from './engine';
import { findingLocator } from './finding-locations';
import { sarifLog } from './sarif';

/** This package's version, from the nearest package.json above this file (sources and dist/ alike). */
function packageVersion(): string {
  for (let folder = __dirname; ; folder = path.dirname(folder)) {
    const file = path.join(folder, 'package.json');
    if (fs.existsSync(file)) return String(JSON.parse(fs.readFileSync(file, 'utf8')).version ?? '0.0.0');
    if (path.dirname(folder) === folder) return '0.0.0';
  }
}

/**
 * The SARIF text of an analysis's findings, each placed in the file (relative to the analysis
 * root: the git top level, as code scanning expects) and on the line its block starts.
 */
export function sarifReport(dir: string, inputs: { readonly plan?: string; readonly root?: string }, findings: readonly Finding[]): string {
  const input = inputs.plan ?? dir;
  const root = analysisRoot(input, inputs.root);
  const configurations = inputs.plan ? readPlans(inputs.plan) : readTerraformOutput(dir, undefined, inputs.root);
  const base = fs.realpathSync(inputs.plan && !fs.statSync(inputs.plan).isDirectory() ? path.dirname(inputs.plan) : input);
  return stableJson(sarifLog(findings, findingLocator(configurations, base, root), packageVersion()));
}
