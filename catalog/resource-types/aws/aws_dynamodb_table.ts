import { literal } from '../../terraform/resource-index';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('name');

export const awsDynamodbTable = resourceType({
  type: 'aws_dynamodb_table',
  attributes: body.names,
  catalog: { kind: 'database', name: (r) => literal(body.read(r).name) },
  stateful: { what: 'table', replacedBy: ['name', 'hash_key', 'range_key'] },
  deletionProtection: { attribute: 'deletion_protection_enabled', protectedWhen: true },
  taggable: true,
  pricing: 'not priced',
});
