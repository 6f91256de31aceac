import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError } from '../../model/errors';
import { readContract } from '../contracts';
import type { PolicyReport } from '../policy/report';
import type { Catalog } from '../service-catalog/catalog-model';

/** catalog.json and policy.json (when present) of a synthesized output or its catalog folder, each read through its contract. */
export function readAnalysisOutputs(dir: string): { catalog: Catalog; policy?: PolicyReport } {
  const folder = [path.join(dir, 'catalog'), dir].find((d) => fs.existsSync(path.join(d, 'catalog.json')));
  if (!folder) throw new GroundworkError(`${dir} holds no catalog.json (nor catalog/catalog.json): run npm run synth (or npm run catalog) first.`);
  const catalog = readContract('catalog', path.join(folder, 'catalog.json'));
  const policyFile = path.join(folder, 'policy.json');
  const policy = fs.existsSync(policyFile) ? readContract('policy-report', policyFile) : undefined;
  return { catalog, policy };
}
