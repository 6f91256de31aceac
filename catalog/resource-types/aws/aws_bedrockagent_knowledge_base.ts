import { literal } from '../../terraform/resource-index';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('name');

export const awsBedrockagentKnowledgeBase = resourceType({
  type: 'aws_bedrockagent_knowledge_base',
  attributes: body.names,
  catalog: { kind: 'knowledge-base', name: (r) => literal(body.read(r).name) },
  taggable: true,
  pricing: 'not priced',
});
