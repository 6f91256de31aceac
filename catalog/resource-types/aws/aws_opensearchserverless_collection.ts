import { literal } from '../../terraform/resource-index';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('name');

export const awsOpensearchserverlessCollection = resourceType({
  type: 'aws_opensearchserverless_collection',
  attributes: body.names,
  catalog: { kind: 'vector-store', name: (r) => literal(body.read(r).name) },
  taggable: true,
  pricing: 'not priced',
});
