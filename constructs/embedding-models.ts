import { GroundworkError } from '../model/errors';

/**
 * Vector dimensions of the Bedrock embedding models the platform knows (their default output
 * size, from each model's Bedrock documentation): the vector index and table are made for it.
 */
export const EMBEDDING_DIMENSIONS: Readonly<Record<string, number>> = {
  'amazon.titan-embed-text-v1': 1536,
  'amazon.titan-embed-text-v2:0': 1024,
  'amazon.titan-embed-image-v1': 1024,
  'cohere.embed-english-v3': 1024,
  'cohere.embed-multilingual-v3': 1024,
};

/** The foundation-model ARN of a model ID in a region (foundation models have no account). */
export function foundationModelArn(region: string, modelId: string): string {
  return `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
}

/**
 * The embedding model a knowledge base uses: the prop, which must be on the settings' allowed
 * list, else the list's first; and its dimensions, which the platform must know.
 */
export function chooseEmbeddingModel(where: string, allowed: readonly string[], chosen: string | undefined): { readonly modelId: string; readonly dimensions: number } {
  const modelId = chosen ?? allowed[0];
  if (!allowed.includes(modelId)) throw new GroundworkError(`${where}: embedding model "${modelId}" is not one the organisation allows (ai.embeddingModels: ${allowed.join(', ')}).`);
  const dimensions = EMBEDDING_DIMENSIONS[modelId];
  if (!dimensions) throw new GroundworkError(`${where}: embedding model "${modelId}" has no known vector size; use one of ${Object.keys(EMBEDDING_DIMENSIONS).join(', ')}, or add it to constructs/embedding-models.ts.`);
  return { modelId, dimensions };
}
