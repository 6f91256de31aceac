import type { ResourceRecord } from './resource-index';
import { resourceKey } from './resource-index';

/** What the catalog calls the things teams care about; everything else supports one of them. */
export type ResourceKind = 'database' | 'cache' | 'queue' | 'topic' | 'bucket' | 'network' | 'cluster' | 'load-balancer' | 'cdn' | 'compute' | 'repository' | 'workload' | 'knowledge-base' | 'vector-store' | 'model';

/** Kinds a service depends on (as opposed to parts of it, like its repository or workload). */
export const DATA_STORE_KINDS: ReadonlySet<ResourceKind> = new Set(['database', 'cache', 'queue', 'topic', 'bucket', 'knowledge-base', 'vector-store']);


const referenceCache = new WeakMap<object, string[]>();
const REFERENCE = /\b([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)(\[(?:\d+|"[^"\\]*")\])?\.[a-z_]/g;

/** Every string inside a value that holds an interpolation. */
function interpolations(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') {
    if (value.includes('${')) out.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) interpolations(item, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) if (key !== '//') interpolations(item, out);
  }
  return out;
}

/** Terraform addresses a resource body refers to (`${aws_sqs_queue.x.arn}` -> aws_sqs_queue.x); cached per body. */
export function referencedAddresses(value: unknown): string[] {
  const cacheable = value !== null && typeof value === 'object';
  const cached = cacheable ? referenceCache.get(value as object) : undefined;
  if (cached) return cached;
  const found = new Set<string>();
  for (const text of interpolations(value, [])) {
    for (const m of text.matchAll(REFERENCE)) if (m[1] !== 'data' && m[1] !== 'var' && m[1] !== 'local') found.add(`${m[1]}.${m[2]}${m[3] ?? ''}`);
  }
  const list = [...found];
  if (cacheable) referenceCache.set(value as object, list);
  return list;
}

/** A queue named as another queue's dead-letter target is part of that queue, not an entity. */
export function deadLetterQueues(records: readonly ResourceRecord[]): Map<string, string> {
  const dlqOf = new Map<string, string>();
  for (const r of records) {
    if (r.type !== 'aws_sqs_queue' || !r.body.redrive_policy) continue;
    for (const target of referencedAddresses(r.body.redrive_policy)) {
      if (target.startsWith('aws_sqs_queue.')) dlqOf.set(`${r.stack}/${target}`, resourceKey(r));
    }
  }
  return dlqOf;
}
