import { literal } from '../../terraform/resource-index';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('custom_model_name');

export const awsBedrockCustomModel = resourceType({
  type: 'aws_bedrock_custom_model',
  attributes: body.names,
  catalog: { kind: 'model', name: (r) => literal(body.read(r).custom_model_name) },
  taggable: true,
  pricing: 'not priced',
});
