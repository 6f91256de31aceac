import { interpolationsOf } from '../terraform/configuration-blocks';
import { HclValue, isUnknown, parsePolicyDocument, Unknown } from '../terraform/hcl-expression';
import { blocks } from '../terraform/resource-index';
import { setBy, stringAttribute } from './attributes';

/** One value of a statement: a literal, or text not known before plan (`arn:aws:s3:::${var.bucket}/*`). */
export type Part = string | Unknown;

/** One IAM statement, read on its own: what one statement leaves unknown says nothing about another. */
export interface Statement {
  /** Its place in the document, 1-based, for findings ("statement 2"). */
  readonly number: number;
  /** Undefined when the statement has no Effect (AWS refuses such a document). */
  readonly effect?: Part;
  /** Absent when the statement has no Action (it may have NotAction); Unknown when the whole list is. */
  readonly actions?: Part[] | Unknown;
  readonly notActions?: Part[] | Unknown;
  readonly resources?: Part[] | Unknown;
  readonly notResources?: Part[] | Unknown;
  /** The condition keys it is conditioned on (`kms:EncryptionContext:aws:s3:arn`), as written. */
  readonly conditionKeys: readonly string[];
}

/** The keys a Condition block tests: `{ StringEquals: { "kms:ViaService": ... } }` gives kms:ViaService. */
function conditionKeysOf(condition: unknown): string[] {
  if (!condition || typeof condition !== 'object' || Array.isArray(condition)) return [];
  return Object.values(condition as Record<string, unknown>).flatMap((tests) => (tests && typeof tests === 'object' && !Array.isArray(tests) ? Object.keys(tests) : []));
}

export type PolicyDocument = { readonly statements: Statement[] } | { readonly unreadable: string };

const MARKER = (n: number) => `@@groundwork-interpolation-${n}@@`;
const MARKER_PATTERN = /@@groundwork-interpolation-(\d+)@@/g;

/**
 * Whether a part may stand for `text` once known: a literal is compared, a template matches with
 * each unknown piece read as any text (`${var.prefix}*` may be "*"), anything else may be anything.
 */
export function mayBe(part: Part, text: string): boolean {
  if (typeof part === 'string') return part === text;
  const written = part.text;
  if (!written.includes('${')) return true;
  let pattern = '';
  let rest = written;
  for (const inner of interpolationsOf(written)) {
    const at = rest.indexOf(`\${${inner}}`);
    if (at < 0) return true;
    pattern += escape(rest.slice(0, at).replace(/\$\$\{/g, '${')) + '[\\s\\S]*';
    rest = rest.slice(at + inner.length + 3);
  }
  return new RegExp(`^${pattern}${escape(rest.replace(/\$\$\{/g, '${'))}$`).test(text);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A part as a finding shows it: the literal, or what sets it. */
export const shown = (part: Part): string => (typeof part === 'string' ? JSON.stringify(part) : part.text);

function part(value: HclValue | Unknown | undefined, markers: readonly string[]): Part | undefined {
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return value;
  if (typeof value === 'string') return markers.length ? literalOrTemplate(value, markers) : value;
  if (typeof value === 'object' && 'ref' in value && typeof value.ref === 'string') return new Unknown('expression', value.ref);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return new Unknown('expression', JSON.stringify(value));
}

/** Strings of a document read from a template hold markers where its interpolations stood (`markers`, in order). */
function literalOrTemplate(text: string, markers: readonly string[]): Part {
  if (!text.includes('@@groundwork-interpolation-')) return text;
  const written = text.replace(/\$\{/g, '$${').replace(MARKER_PATTERN, (_, n: string) => `\${${markers[Number(n)]}}`);
  const whole = /^@@groundwork-interpolation-(\d+)@@$/.exec(text);
  return new Unknown(whole ? 'variable' : 'expression', whole ? markers[Number(whole[1])]! : written);
}

function parts(value: HclValue | undefined, markers: readonly string[]): Part[] | Unknown | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.map((v) => part(v, markers) ?? new Unknown('expression', 'null'));
  const one = part(value, markers);
  // A whole list set by one expression (Action = var.actions) is unknown as a list.
  if (one !== undefined && isUnknown(one) && typeof value === 'object') return one;
  return one === undefined ? undefined : [one];
}

function statementsOf(document: HclValue, markers: readonly string[] = []): PolicyDocument {
  if (!document || typeof document !== 'object' || Array.isArray(document) || 'ref' in document) return { unreadable: 'is not a JSON object' };
  const raw = (document as Record<string, HclValue>).Statement;
  if (raw === undefined) return { statements: [] };
  if (raw && typeof raw === 'object' && !Array.isArray(raw) && 'ref' in raw) return { unreadable: `has its Statement set by ${String(raw.ref)}` };
  const list = Array.isArray(raw) ? raw : [raw];
  return {
    statements: list.map((s, i) => {
      const o = (s && typeof s === 'object' && !Array.isArray(s) ? s : {}) as Record<string, HclValue>;
      return {
        number: i + 1,
        effect: part(o.Effect, markers),
        actions: parts(o.Action, markers),
        notActions: parts(o.NotAction, markers),
        resources: parts(o.Resource, markers),
        notResources: parts(o.NotResource, markers),
        conditionKeys: conditionKeysOf(o.Condition),
      };
    }),
  };
}

/**
 * A JSON policy written as a template (a heredoc, or JSON text with `${var.bucket}` inside): each
 * interpolation becomes a marker, quoted where it stands for a whole value, and the JSON is read.
 * Template directives (`%{ if }`) are not read.
 */
function templateDocument(text: string): { document: HclValue; markers: string[] } | undefined {
  // Directives are not read; text that already holds a marker would be misread.
  if (/(^|[^%])%\{/.test(text) || text.includes('@@groundwork-interpolation-')) return undefined;
  const inner = interpolationsOf(text);
  if (!inner.length) return undefined;
  let json = '';
  let rest = text;
  inner.forEach((expression, n) => {
    const at = rest.search(new RegExp(`(?<!\\$)${escape(`\${${expression}}`)}`));
    json += rest.slice(0, at) + MARKER(n);
    rest = rest.slice(at + expression.length + 3);
  });
  json = (json + rest).replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
  try {
    const document = JSON.parse(quoteBareMarkers(json)) as HclValue;
    // One interpolation alone (`${var.document}`) is not a document written here.
    return document && typeof document === 'object' && !Array.isArray(document) ? { document, markers: inner.map((e) => e.trim()) } : undefined;
  } catch {
    return undefined;
  }
}

/** Markers outside JSON strings stand for whole values: quote them so the JSON parses. */
function quoteBareMarkers(json: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inString) {
      if (c === '\\') {
        out += c + json[++i];
        continue;
      }
      if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (json.startsWith('@@groundwork-interpolation-', i)) {
      const end = json.indexOf('@@', i + 2) + 2;
      out += `"${json.slice(i, end)}"`;
      i = end - 1;
      continue;
    }
    out += c;
  }
  return out;
}

/** An inline policy document (`policy`, `inline_policy`): jsonencode, literal JSON, or JSON as a template. */
export function readPolicyDocument(raw: unknown): PolicyDocument {
  const parsed = parsePolicyDocument(raw);
  if (parsed !== undefined) return statementsOf(parsed);
  const template = typeof raw === 'string' ? templateDocument(raw) : undefined;
  if (template) return statementsOf(template.document, template.markers);
  const value = stringAttribute(raw);
  if (!isUnknown(value)) return { unreadable: 'is not valid JSON' };
  // One expression (var.document, a function) sets it; otherwise it is a template that does not read as JSON.
  const by = setBy(value);
  return { unreadable: by === value.text && value.text.includes('${') ? 'is a template that is not JSON with its interpolations set aside' : `is set by ${by}` };
}

/** The reference to an aws_iam_policy_document's JSON, when that is all the value is. */
export function policyDocumentReference(raw: unknown): string | undefined {
  return typeof raw === 'string' ? /^\$\{\s*(data\.aws_iam_policy_document\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?)\.(?:json|minified_json)\s*\}$/.exec(raw)?.[1] : undefined;
}

/** The statements of a `data "aws_iam_policy_document"` (effect defaults to Allow there). */
export function dataDocumentStatements(body: unknown): Statement[] {
  const o = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const list = (v: unknown): Part[] | Unknown | undefined => {
    if (v === undefined || v === null) return undefined;
    const value = stringAttribute(v);
    if (!Array.isArray(v)) return isUnknown(value) ? value : value === undefined ? undefined : [value];
    return v.map((x) => {
      const item = stringAttribute(x);
      return item === undefined ? new Unknown('expression', 'null') : item;
    });
  };
  return blocks(o.statement).map((s, i) => {
    const effect = stringAttribute(s.effect);
    const conditionKeys = blocks(s.condition).map((c) => stringAttribute(c.variable)).filter((k): k is string => typeof k === 'string');
    return { number: i + 1, effect: effect ?? 'Allow', actions: list(s.actions), notActions: list(s.not_actions), resources: list(s.resources), notResources: list(s.not_resources), conditionKeys };
  });
}

/** Whether any item of a list may be `text` once known (a whole list not known may hold anything). */
export function anyMayBe(list: Part[] | Unknown | undefined, text: string): boolean {
  if (list === undefined) return false;
  return isUnknown(list) ? mayBe(list, text) : list.some((p) => mayBe(p, text));
}

/** The first item of a list not known before plan, or the list itself. */
export function firstUnknown(list: Part[] | Unknown | undefined): Unknown | undefined {
  if (list === undefined) return undefined;
  return isUnknown(list) ? list : list.find(isUnknown);
}
