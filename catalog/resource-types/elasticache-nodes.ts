import { literal, ResourceRecord } from '../terraform/resource-index';
import { hours, notLiteral, PriceResult } from './pricing';

/** Node hours of an ElastiCache cluster or replication group. */
export function elasticacheNodes(nodeType: unknown, count: number, r: ResourceRecord): PriceResult {
  const type = literal(nodeType);
  if (!type) return notLiteral(r, 'node_type', nodeType);
  return { charges: [hours(`elasticache.${type}`, `${count} × ${type} node`, count)] };
}
