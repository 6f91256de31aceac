import { literal } from '../../terraform/resource-index';
import { elasticacheNodes } from '../elasticache-nodes';
import { quantity } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('replication_group_id', 'node_type', 'num_node_groups', 'replicas_per_node_group', 'num_cache_clusters');

export const awsElasticacheReplicationGroup = resourceType({
  type: 'aws_elasticache_replication_group',
  attributes: body.names,
  catalog: { kind: 'cache', name: (r) => literal(body.read(r).replication_group_id) },
  stateful: { what: 'cache', replacedBy: ['replication_group_id', 'at_rest_encryption_enabled', 'subnet_group_name'] },
  scorecard: ['multi-az-production'],
  taggable: true,
  pricing: {
    pricer: (r) => {
      const a = body.read(r);
      const groups = quantity(r, 'num_node_groups', a.num_node_groups, 0);
      const count = groups > 0 ? groups * (quantity(r, 'replicas_per_node_group', a.replicas_per_node_group, 0) + 1) : quantity(r, 'num_cache_clusters', a.num_cache_clusters, 1);
      return elasticacheNodes(a.node_type, count, r);
    },
  },
});
