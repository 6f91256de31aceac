import * as fs from 'fs';
import * as path from 'path';
import { MAX_TEXT } from './tool-spec';

/** One call as the audit log keeps it. */
export interface AuditRecord {
  readonly time: string;
  readonly client: { name: string; version: string } | null;
  /** Not through an MCP client: how the call came (an issue form: the form, the issue, its author). */
  readonly via?: Record<string, unknown>;
  readonly scope: readonly string[] | 'read-only';
  readonly tool: string;
  readonly arguments: unknown;
  readonly result: { ok: boolean; summary: string };
  readonly branch?: string;
  readonly commit?: string;
}

/**
 * Arguments as recorded: strings longer than any tool accepts are replaced by their length, so a
 * hostile 1 MB argument does not fill the log; depth and size are bounded the same way.
 */
export function recordable(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > MAX_TEXT ? `<${value.length} characters, not recorded>` : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth > 4) return '<nested too deep, not recorded>';
  if (Array.isArray(value)) return value.length > 50 ? `<${value.length} items, not recorded>` : value.map((v) => recordable(v, depth + 1));
  const entries = Object.entries(value);
  if (entries.length > 50) return `<${entries.length} fields, not recorded>`;
  return Object.fromEntries(entries.map(([k, v]) => [k.length > MAX_TEXT ? `<${k.length} characters>` : k, recordable(v, depth + 1)]));
}

/** Appends one JSON line per call; the folder is made on first use. Arguments only, never the environment. */
export function appendAudit(file: string, record: AuditRecord): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `${JSON.stringify({ ...record, arguments: recordable(record.arguments) })}\n`);
}
