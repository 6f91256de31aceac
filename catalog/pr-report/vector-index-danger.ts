import { literal, resourceKey } from '../terraform/resource-index';
import type { ResourceRecord } from '../terraform/resource-index';
import { referencedAddresses } from '../terraform/resource-kinds';
import type { DangerLine } from './report-model';

const first = (value: unknown): Record<string, unknown> | undefined => {
  const v = Array.isArray(value) ? value[0] : value;
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
};

/** The embedding model a knowledge base's body names (literal), or its text. */
function embeddingModel(r: ResourceRecord): string {
  const vector = first(first(r.body.knowledge_base_configuration)?.vector_knowledge_base_configuration);
  const model = vector?.embedding_model_arn;
  return literal(model) ?? JSON.stringify(model ?? null);
}

/** What a knowledge base's vectors live in: the store's type, what it references and where in it. */
function vectorStore(r: ResourceRecord): string {
  const storage = first(r.body.storage_configuration);
  const type = literal(storage?.type) ?? '';
  return `${type} ${referencedAddresses(storage ?? {}).sort().join(',')} ${JSON.stringify(storage ?? null)}`;
}

const storeType = (r: ResourceRecord) => literal(first(r.body.storage_configuration)?.type) ?? 'unknown';
const modelName = (text: string) => text.replace(/^arn:[^:]+:bedrock:[^:]*::foundation-model\//, '');

/**
 * Danger lines for a knowledge base whose embedding model or vector store changes: Terraform
 * replaces it, its index is rebuilt from nothing, and every document is embedded again (which
 * costs tokens, and answers are empty until ingestion finishes).
 */
export function vectorIndexDanger(base: readonly ResourceRecord[], head: readonly ResourceRecord[]): DangerLine[] {
  const before = new Map(base.filter((r) => r.type === 'aws_bedrockagent_knowledge_base').map((r) => [resourceKey(r), r]));
  const danger: DangerLine[] = [];
  for (const now of head) {
    const was = now.type === 'aws_bedrockagent_knowledge_base' ? before.get(resourceKey(now)) : undefined;
    if (!was) continue;
    const line = (reason: string): DangerLine => ({ stack: now.stack, address: now.address, ...(now.ownership.service ? { service: now.ownership.service } : {}), ...(now.ownership.owner ? { owner: now.ownership.owner } : {}), reason });
    const [modelBefore, modelAfter] = [embeddingModel(was), embeddingModel(now)];
    if (modelBefore !== modelAfter) danger.push(line(`embedding model changes (${modelName(modelBefore)} → ${modelName(modelAfter)}): the knowledge base is replaced and its vector index rebuilt; every document is embedded again`));
    if (vectorStore(was) !== vectorStore(now)) danger.push(line(`vector store changes (${storeType(was)} → ${storeType(now)}): the knowledge base is replaced and its vector index rebuilt; every document is embedded again`));
  }
  return danger;
}
