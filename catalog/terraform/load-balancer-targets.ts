import type { ResourceRecord } from './resource-index';
import { referencedAddresses } from './resource-kinds';

const LOAD_BALANCERS = new Set(['aws_lb', 'aws_alb']);
const LISTENERS = new Set(['aws_lb_listener', 'aws_alb_listener']);
const RULES = new Set(['aws_lb_listener_rule', 'aws_alb_listener_rule']);
const TARGET_GROUPS = new Set(['aws_lb_target_group', 'aws_alb_target_group']);

/** A load balancer and the target groups its listeners forward to (default actions and rules), read from references in one configuration. */
export interface LoadBalancerTargets {
  readonly loadBalancer: ResourceRecord;
  readonly targetGroups: readonly ResourceRecord[];
}

/**
 * Every load balancer with the target groups it forwards to: listener → `load_balancer_arn`,
 * rule → `listener_arn`, actions → `target_group_arn`. Only references inside the same stack
 * count (a literal ARN names nothing Groundwork can see).
 */
export function loadBalancerTargets(records: readonly ResourceRecord[]): LoadBalancerTargets[] {
  const byKey = new Map(records.map((r) => [`${r.stack}\u0000${r.address}`, r]));
  const find = (stack: string, value: unknown, types: ReadonlySet<string>) => referencedAddresses(value).map((a) => byKey.get(`${stack}\u0000${a}`)).filter((r): r is ResourceRecord => r !== undefined && types.has(r.type));
  const targets = new Map<ResourceRecord, Set<ResourceRecord>>();
  for (const r of records) if (LOAD_BALANCERS.has(r.type)) targets.set(r, new Set());
  const listenerBalancers = new Map<ResourceRecord, ResourceRecord[]>();
  for (const r of records) {
    if (!LISTENERS.has(r.type)) continue;
    const balancers = find(r.stack, r.body.load_balancer_arn, LOAD_BALANCERS);
    listenerBalancers.set(r, balancers);
    for (const lb of balancers) for (const tg of find(r.stack, r.body.default_action, TARGET_GROUPS)) targets.get(lb)!.add(tg);
  }
  for (const r of records) {
    if (!RULES.has(r.type)) continue;
    for (const listener of find(r.stack, r.body.listener_arn, LISTENERS)) {
      for (const lb of listenerBalancers.get(listener) ?? []) for (const tg of find(r.stack, r.body.action, TARGET_GROUPS)) targets.get(lb)!.add(tg);
    }
  }
  return [...targets].map(([loadBalancer, groups]) => ({ loadBalancer, targetGroups: [...groups] }));
}
