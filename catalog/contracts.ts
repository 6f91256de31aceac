import type { ValidateFunction } from 'ajv';
import { GroundworkError } from '../model/errors';
import { readJsonFile } from '../model/read-json';
import type { BoundedReadOptions } from '../model/safe-read';
import { compile, schemaProblems } from '../model/schema-validator';
import type { CostReport } from './cost/report';
import type { PolicyReport } from './policy/report';
import catalogSchema from './schema/catalog.schema.json';
import catalogV1Schema from './schema/catalog-v1.schema.json';
import costReportSchema from './schema/cost-report.schema.json';
import policyReportSchema from './schema/policy-report.schema.json';
import spendReportSchema from './schema/spend-report.schema.json';
import type { Catalog } from './service-catalog/catalog-model';
import { CATALOG_V1_API_VERSION, upgradeCatalogV1 } from './service-catalog/catalog-v1';
import type { SpendDocument } from './spend/report';

/** The reports one tool writes and another reads, each with its schema (generated from its type by npm run schemas). */
interface Contracts {
  catalog: Catalog;
  'cost-report': CostReport;
  'policy-report': PolicyReport;
  'spend-report': SpendDocument;
}
const SCHEMAS: Record<keyof Contracts, object> = { catalog: catalogSchema, 'cost-report': costReportSchema, 'policy-report': policyReportSchema, 'spend-report': spendReportSchema };

/** A version of a contract written before the current one, which readers still take: its frozen schema and its upgrade to the current type. */
interface EarlierVersion<K extends keyof Contracts> {
  readonly apiVersion: string;
  readonly schema: object;
  readonly upgrade: (document: never) => Contracts[K];
}
const EARLIER: { readonly [K in keyof Contracts]?: ReadonlyArray<EarlierVersion<K>> } = {
  catalog: [{ apiVersion: CATALOG_V1_API_VERSION, schema: catalogV1Schema, upgrade: upgradeCatalogV1 }],
};

const compiled = new Map<object, ValidateFunction>();
function validatorOf(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = compile(schema)));
  return validate;
}

function check(schema: object, kind: string, document: unknown, where: string): void {
  const validate = validatorOf(schema);
  if (!validate(document)) throw new GroundworkError(`${where} is not a valid ${kind} document:`, schemaProblems(validate).slice(0, 10));
}

/**
 * The document, checked against its contract's schema: on write (a bug in a producer stops here,
 * not in a consumer) and on read (a hand-edited or foreign file gets a sentence, not a crash).
 * @param where the file, as the user would name it
 */
export function checkContract<K extends keyof Contracts>(kind: K, document: unknown, where: string): Contracts[K] {
  check(SCHEMAS[kind], kind, document, where);
  return document as Contracts[K];
}

/**
 * A report file another tool wrote, read and checked against its contract. One written by an
 * earlier version of the contract (its `apiVersion` says so) is checked against that version's
 * schema and upgraded, so readers compare like with like.
 */
export function readContract<K extends keyof Contracts>(kind: K, file: string, options: BoundedReadOptions = {}): Contracts[K] {
  const document = readJsonFile(file, file, undefined, options);
  const apiVersion = typeof document === 'object' && document !== null ? (document as { apiVersion?: unknown }).apiVersion : undefined;
  const earlier = (EARLIER[kind] as ReadonlyArray<EarlierVersion<K>> | undefined)?.find((v) => v.apiVersion === apiVersion);
  if (!earlier) return checkContract(kind, document, file);
  check(earlier.schema, `${kind} (${earlier.apiVersion})`, document, file);
  return checkContract(kind, earlier.upgrade(document as never), `${file} (upgraded from ${earlier.apiVersion})`);
}
