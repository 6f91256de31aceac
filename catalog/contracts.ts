import type { ValidateFunction } from 'ajv';
import { GroundworkError } from '../model/errors';
import { readJsonFile } from '../model/read-json';
import { compile, schemaProblems } from '../model/schema-validator';
import type { CostReport } from './cost/report';
import type { PolicyReport } from './policy/report';
import costReportSchema from './schema/cost-report.schema.json';
import policyReportSchema from './schema/policy-report.schema.json';
import spendReportSchema from './schema/spend-report.schema.json';
import type { SpendDocument } from './spend/report';

/** The reports one tool writes and another reads, each with its schema (generated from its type by npm run schemas). */
interface Contracts {
  'cost-report': CostReport;
  'policy-report': PolicyReport;
  'spend-report': SpendDocument;
}
const SCHEMAS: Record<keyof Contracts, object> = { 'cost-report': costReportSchema, 'policy-report': policyReportSchema, 'spend-report': spendReportSchema };
const compiled = new Map<keyof Contracts, ValidateFunction>();

/**
 * The document, checked against its contract's schema: on write (a bug in a producer stops here,
 * not in a consumer) and on read (a hand-edited or foreign file gets a sentence, not a crash).
 * @param where the file, as the user would name it
 */
export function checkContract<K extends keyof Contracts>(kind: K, document: unknown, where: string): Contracts[K] {
  let validate = compiled.get(kind);
  if (!validate) compiled.set(kind, (validate = compile(SCHEMAS[kind])));
  if (!validate(document)) throw new GroundworkError(`${where} is not a valid ${kind} document:`, schemaProblems(validate).slice(0, 10));
  return document as Contracts[K];
}

/** A report file another tool wrote, read and checked against its contract. */
export function readContract<K extends keyof Contracts>(kind: K, file: string): Contracts[K] {
  return checkContract(kind, readJsonFile(file, file), file);
}
