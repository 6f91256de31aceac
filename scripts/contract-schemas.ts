/**
 * `npm run schemas`: writes the JSON Schema of every document one tool hands to another, generated
 * from the TypeScript type that produces it, so the type is the one place the shape is stated.
 * `npm run schemas -- --check` fails when a committed schema differs from its type (a test runs it).
 */
import * as fs from 'fs';
import * as path from 'path';
import { createGenerator } from 'ts-json-schema-generator';
import { USAGE_SCHEMA_FILE, usageSchema } from '../catalog/cost/usage-schema';
import { GroundworkError } from '../model/errors';
import { runCommand } from '../model/run-command';
import { stableJson } from '../model/stable-json';
import { printLine } from '../model/terminal-text';

export interface Contract {
  /** The exported TypeScript type and the file declaring it. */
  readonly type: string;
  readonly source: string;
  readonly schema: string;
  readonly title: string;
}

export const CONTRACTS: readonly Contract[] = [
  { type: 'StackMetadata', source: 'model/golden-path-metadata.ts', schema: 'model/schema/golden-path-metadata.schema.json', title: 'Golden-path metadata under "//".groundwork in cdk.tf.json' },
  { type: 'Catalog', source: 'catalog/service-catalog/catalog-model.ts', schema: 'catalog/schema/catalog.schema.json', title: 'catalog.json: the service catalog' },
  { type: 'CostReport', source: 'catalog/cost/report.ts', schema: 'catalog/schema/cost-report.schema.json', title: 'cost-report.json' },
  { type: 'PolicyReport', source: 'catalog/policy/report.ts', schema: 'catalog/schema/policy-report.schema.json', title: 'policy.json' },
  { type: 'SpendDocument', source: 'catalog/spend/report.ts', schema: 'catalog/schema/spend-report.schema.json', title: 'spend.json' },
];

/** The schema a contract's type generates today, as the committed file would hold it. */
export function generateContractSchema(contract: Contract, root = process.cwd()): string {
  const generator = createGenerator({ path: path.join(root, contract.source), tsconfig: path.join(root, 'tsconfig.json'), type: contract.type, skipTypeCheck: true, additionalProperties: false, expose: 'none', topRef: false, jsDoc: 'basic' });
  const schema = { ...generator.createSchema(contract.type), $schema: 'http://json-schema.org/draft-07/schema#', title: contract.title, $comment: `Generated from ${contract.type} in ${contract.source} by npm run schemas; do not edit.` };
  return stableJson(schema);
}

/** Schemas generated from a registry rather than a type: the file and its text today. */
export const GENERATED_SCHEMAS: ReadonlyArray<{ readonly schema: string; readonly source: string; readonly text: () => string }> = [
  { schema: USAGE_SCHEMA_FILE, source: 'the usage figures in catalog/resource-types', text: () => stableJson(usageSchema()) },
];

if (require.main === module) {
  runCommand(() => {
    const check = process.argv.includes('--check');
    const stale: string[] = [];
    for (const contract of CONTRACTS) {
      const text = generateContractSchema(contract);
      const current = fs.existsSync(contract.schema) ? fs.readFileSync(contract.schema, 'utf8') : undefined;
      if (current === text) continue;
      if (check) stale.push(`${contract.schema} does not match ${contract.type} in ${contract.source}`);
      else fs.writeFileSync(contract.schema, text);
    }
    for (const generated of GENERATED_SCHEMAS) {
      const text = generated.text();
      const current = fs.existsSync(generated.schema) ? fs.readFileSync(generated.schema, 'utf8') : undefined;
      if (current === text) continue;
      if (check) stale.push(`${generated.schema} does not match ${generated.source}`);
      else fs.writeFileSync(generated.schema, text);
    }
    if (stale.length) throw new GroundworkError('Contract schemas are out of date; run npm run schemas:', stale);
    const count = CONTRACTS.length + GENERATED_SCHEMAS.length;
    printLine(check ? `${count} contract schemas match their sources.` : `Wrote ${count} contract schemas.`);
  });
}
