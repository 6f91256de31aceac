import { literal } from '../../terraform/resource-index';
import { elasticacheNodes } from '../elasticache-nodes';
import { quantity } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('cluster_id', 'node_type', 'num_cache_nodes');

export const awsElasticacheCluster = resourceType({
  type: 'aws_elasticache_cluster',
  attributes: body.names,
  catalog: { kind: 'cache', name: (r) => literal(body.read(r).cluster_id) },
  taggable: true,
  pricing: {
    pricer: (r) => {
      const a = body.read(r);
      return elasticacheNodes(a.node_type, quantity(r, 'num_cache_nodes', a.num_cache_nodes, 1), r);
    },
  },
  priceItems: [
    {
      key: 'elasticache.{type}',
      unit: 'Hrs',
      offer: ({ type }) => ({ offerCode: 'AmazonElastiCache', productFamily: 'Cache Instance', usagetype: `NodeUsage:${type}`, attributes: { instanceType: type, cacheEngine: 'Redis' }, unit: 'Hrs' }),
    },
  ],
});
