import * as fs from 'fs';
import * as path from 'path';
import { CORE_SCHEMA, load } from 'js-yaml';
import { GroundworkError } from '../../model/errors';
import suppressionsSchema from '../schema/suppressions.schema.json';
import { compile, schemaProblems } from '../../model/schema-validator';
import { ALL_RULES } from './packs';

/** An exception to one rule, for a construct subtree, a stack or one resource, with its reason. */
export interface Suppression {
  readonly rule: string;
  readonly reason: string;
  readonly path?: string;
  readonly stack?: string;
  readonly address?: string;
  readonly reviewedBy?: string;
  readonly expires?: string;
  /** Where it was declared: a construct (in the synthesized metadata) or the reviewed file. */
  readonly source: string;
}

const validate = compile<{ suppressions: Omit<Suppression, 'source'>[] }>(suppressionsSchema);

function checkRules(list: readonly Suppression[]): void {
  const unknown = list.filter((s) => !ALL_RULES.has(s.rule));
  if (unknown.length) {
    throw new GroundworkError(
      'Suppressions name rules that do not exist:',
      unknown.map((s) => `${s.source}: "${s.rule}" is not a rule (known: ${[...ALL_RULES.keys()].join(', ')})`),
    );
  }
}

/**
 * The file as reports name it: relative to the working directory, in forward slashes, so that
 * two checkouts of the same repository write the same bytes (no absolute path in policy.json).
 */
function shownPath(file: string): string {
  const relative = path.isAbsolute(file) ? path.relative(process.cwd(), file) : path.normalize(file);
  return (relative || path.basename(file)).split(path.sep).join('/');
}

/** The reviewed suppressions file (YAML), if it exists. */
export function loadSuppressionFile(file: string | undefined): Suppression[] {
  if (!file || !fs.existsSync(file)) return [];
  let doc: unknown;
  try {
    // CORE_SCHEMA: dates such as `expires: 2027-03-31` stay strings, as the schema expects.
    doc = load(fs.readFileSync(file, 'utf8'), { schema: CORE_SCHEMA });
  } catch (error) {
    throw new GroundworkError(`The suppressions file ${file} is not valid YAML: ${(error as Error).message}`);
  }
  if (!validate(doc)) throw new GroundworkError(`The suppressions file ${file} is invalid:`, schemaProblems(validate));
  const source = shownPath(file);
  const list = doc.suppressions.map((s) => ({ ...s, source }));
  checkRules(list);
  return list;
}

/** Suppressions constructs declared, as synth left them in each stack's metadata. */
export function metadataSuppressions(entries: ReadonlyArray<{ path: string; rule: string; reason: string }>): Suppression[] {
  const list = entries.map((s) => ({ ...s, source: `construct ${s.path}` }));
  checkRules(list);
  return list;
}

export interface SuppressibleFinding {
  readonly rule: string;
  readonly stack: string;
  readonly address: string;
  readonly constructPath?: string;
}

/** The first suppression that covers a finding and has not expired on `today`. */
export function findSuppression(finding: SuppressibleFinding, suppressions: readonly Suppression[], today: string): Suppression | undefined {
  return suppressions.find(
    (s) =>
      s.rule === finding.rule &&
      (!s.expires || s.expires >= today) &&
      (!s.stack || s.stack === finding.stack) &&
      (!s.address || s.address === finding.address) &&
      (!s.path || (finding.constructPath !== undefined && (finding.constructPath === s.path || finding.constructPath.startsWith(`${s.path}/`)))),
  );
}
