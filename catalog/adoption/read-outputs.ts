import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError } from '../../model/errors';
import { readJsonFile } from '../../model/read-json';
import type { PolicyReport } from '../policy/report';
import type { Catalog } from '../service-catalog/catalog-model';
import { assertValidCatalog } from '../service-catalog/validate-catalog';

/** catalog.json (checked against its schema) and policy.json (when present) of a synthesized output or its catalog folder. */
export function readAnalysisOutputs(dir: string): { catalog: Catalog; policy?: PolicyReport } {
  const folder = [path.join(dir, 'catalog'), dir].find((d) => fs.existsSync(path.join(d, 'catalog.json')));
  if (!folder) throw new GroundworkError(`${dir} holds no catalog.json (nor catalog/catalog.json): run npm run synth (or npm run catalog) first.`);
  const catalog = readJsonFile(path.join(folder, 'catalog.json'), `The catalog ${path.join(folder, 'catalog.json')}`);
  assertValidCatalog(catalog, `The catalog ${path.join(folder, 'catalog.json')}`);
  const policyFile = path.join(folder, 'policy.json');
  const policy = fs.existsSync(policyFile) ? (readJsonFile(policyFile, `The guardrail report ${policyFile}`) as PolicyReport) : undefined;
  if (policy && (!Array.isArray(policy.scorecards) || typeof policy.tagCoverage?.overall?.percent !== 'number')) {
    throw new GroundworkError(`The guardrail report ${policyFile} has no scorecards or tag coverage; synthesize again.`);
  }
  return { catalog, policy };
}
