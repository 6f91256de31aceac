import { KnowledgeBase } from '../../golden-paths/knowledge-base';
import type { Organisation } from '../../golden-paths/organisation';

/** Answers shoppers' questions from the help articles: a Bedrock knowledge base over them. */
export function supportAnswers(org: Organisation): KnowledgeBase {
  return new KnowledgeBase(org, 'support-answers', {
    owner: 'storefront',
    description: 'Retrieval over the help articles for the support assistant',
    system: 'shop',
    tags: { 'data-classification': 'internal' },
    vectorStore: 'aurora-pgvector',
    embeddingModel: 'amazon.titan-embed-text-v2:0',
    chunking: { strategy: 'fixed-size', maxTokens: 500, overlapPercentage: 15 },
    // The setup step (output support-answers-knowledge-base-setup) has run in both environments.
    indexReadyIn: ['production', 'staging'],
  });
}
