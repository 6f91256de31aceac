import { block, literal } from '../../terraform/resource-index';
import { bedrockModel, bedrockOffer } from '../bedrock-models';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('knowledge_base_configuration', 'name');

export const awsBedrockagentKnowledgeBase = resourceType({
  type: 'aws_bedrockagent_knowledge_base',
  attributes: body.names,
  catalog: { kind: 'knowledge-base', name: (r) => literal(body.read(r).name) },
  taggable: true,
  usage: { bedrockEmbeddingTokensMillions: { default: 0, description: 'Million tokens a knowledge base embeds per month (ingestion and queries). Default 0.' } },
  pricing: {
    /** The knowledge base itself is free; the tokens its embedding model embeds are billed on demand. Its vector store is priced as its own resource. */
    pricer: (r, { usage }) => {
      const vector = block(block(body.read(r).knowledge_base_configuration)?.vector_knowledge_base_configuration);
      const model = bedrockModel(r, 'knowledge_base_configuration.vector_knowledge_base_configuration.embedding_model_arn', vector?.embedding_model_arn);
      return { charges: [{ item: `bedrock.embedding.${model}.million`, quantity: usage.bedrockEmbeddingTokensMillions, what: `million tokens embedded by ${model} (usage file)` }] };
    },
  },
  priceItems: [{ key: 'bedrock.embedding.{model}.million', unit: '1M tokens', offer: ({ model }) => bedrockOffer(model, 'input-tokens', '1K tokens', 3) }],
});
