import type { ResourceRecord } from './resource-index';
import { resourceKey } from './resource-index';
import { block, literal } from './resource-index';

/** What the catalog calls the things teams care about; everything else supports one of them. */
export type ResourceKind = 'database' | 'cache' | 'queue' | 'topic' | 'bucket' | 'network' | 'cluster' | 'load-balancer' | 'cdn' | 'compute' | 'repository' | 'workload' | 'knowledge-base' | 'vector-store' | 'model';

interface KindRule {
  readonly kind: ResourceKind;
  /** The resource's own name, as its cloud knows it. */
  readonly name: (r: ResourceRecord) => string | undefined;
}

const attr = (key: string) => (r: ResourceRecord) => literal(r.body[key]);
const nameTag = (r: ResourceRecord) => r.tags.Name;
const kubernetesName = (r: ResourceRecord) => literal(block(r.body.metadata)?.name);

const k8sWorkload: KindRule = { kind: 'workload', name: kubernetesName };

/** Primary resource types: each becomes a catalog resource entity. */
export const PRIMARY_TYPES: Readonly<Record<string, KindRule>> = {
  aws_db_instance: { kind: 'database', name: attr('identifier') },
  aws_rds_cluster: { kind: 'database', name: attr('cluster_identifier') },
  aws_dynamodb_table: { kind: 'database', name: attr('name') },
  aws_elasticache_replication_group: { kind: 'cache', name: attr('replication_group_id') },
  aws_elasticache_cluster: { kind: 'cache', name: attr('cluster_id') },
  aws_sqs_queue: { kind: 'queue', name: attr('name') },
  aws_sns_topic: { kind: 'topic', name: attr('name') },
  aws_s3_bucket: { kind: 'bucket', name: attr('bucket') },
  aws_vpc: { kind: 'network', name: nameTag },
  aws_eks_cluster: { kind: 'cluster', name: attr('name') },
  aws_lb: { kind: 'load-balancer', name: attr('name') },
  aws_cloudfront_distribution: { kind: 'cdn', name: attr('comment') },
  aws_instance: { kind: 'compute', name: nameTag },
  aws_bedrockagent_knowledge_base: { kind: 'knowledge-base', name: attr('name') },
  aws_opensearchserverless_collection: { kind: 'vector-store', name: attr('name') },
  aws_bedrock_custom_model: { kind: 'model', name: attr('custom_model_name') },
  github_repository: { kind: 'repository', name: attr('name') },
  kubernetes_deployment: k8sWorkload,
  kubernetes_deployment_v1: k8sWorkload,
  kubernetes_stateful_set: k8sWorkload,
  kubernetes_stateful_set_v1: k8sWorkload,
  kubernetes_daemon_set_v1: k8sWorkload,
  kubernetes_daemonset: k8sWorkload,
  kubernetes_cron_job: k8sWorkload,
  kubernetes_cron_job_v1: k8sWorkload,
  kubernetes_job: k8sWorkload,
  kubernetes_job_v1: k8sWorkload,
};

/** Kinds a service depends on (as opposed to parts of it, like its repository or workload). */
export const DATA_STORE_KINDS: ReadonlySet<ResourceKind> = new Set(['database', 'cache', 'queue', 'topic', 'bucket', 'knowledge-base', 'vector-store']);

/**
 * Databases a knowledge base keeps its vectors in (its storage configuration names them): the
 * catalog calls those vector stores, whatever their engine.
 */
export function vectorStoreDatabases(records: readonly ResourceRecord[]): Set<string> {
  const stores = new Set<string>();
  for (const r of records) {
    if (r.type !== 'aws_bedrockagent_knowledge_base') continue;
    for (const target of referencedAddresses(r.body.storage_configuration)) if (PRIMARY_TYPES[target.slice(0, target.indexOf('.'))]?.kind === 'database') stores.add(`${r.stack}/${target}`);
  }
  return stores;
}

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
