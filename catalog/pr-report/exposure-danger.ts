import type { ResourceRecord } from '../terraform/resource-index';
import { isInternetFacing, LOAD_BALANCER_TYPES } from '../policy/load-balancers';
import type { DangerLine } from './report-model';
import { loadBalancerTargets } from '../terraform/load-balancer-targets';

const key = (r: { stack: string; address: string }) => `${r.stack}\u0000${r.address}`;
const WAF_TYPES: Readonly<Record<string, string>> = { aws_wafv2_web_acl_association: 'web ACL association', aws_wafv2_web_acl: 'web ACL' };

/**
 * Danger lines for traffic: a service that becomes reachable from the internet (a load balancer
 * turned internet-facing, or a new internet-facing one for a service that had none), and a WAF
 * web ACL or its association removed.
 */
export function exposureDanger(base: readonly ResourceRecord[], head: readonly ResourceRecord[]): DangerLine[] {
  const danger: DangerLine[] = [];
  const line = (r: ResourceRecord, reason: string): DangerLine => ({ stack: r.stack, address: r.address, service: r.ownership.service, owner: r.ownership.owner, reason });
  const baseByKey = new Map(base.map((r) => [key(r), r]));
  const headKeys = new Set(head.map(key));
  const isPublicLb = (r: ResourceRecord) => LOAD_BALANCER_TYPES.includes(r.type) && isInternetFacing(r);
  // Services per stack in the base, and whether any of their load balancers was internet-facing.
  const known = new Map<string, boolean>();
  for (const r of base) {
    const service = `${r.stack}\u0000${r.ownership.service ?? ''}`;
    known.set(service, (known.get(service) ?? false) || isPublicLb(r));
  }
  for (const r of head.filter(isPublicLb)) {
    const before = baseByKey.get(key(r));
    if (before) {
      if (!isPublicLb(before)) danger.push(line(r, 'exposure widened: the load balancer turns internet-facing (internal true → false), so the service is reachable from the internet'));
      continue;
    }
    const wasPublic = r.ownership.service === undefined ? undefined : known.get(`${r.stack}\u0000${r.ownership.service}`);
    if (wasPublic === false) danger.push(line(r, `exposure widened: service ${r.ownership.service} was reachable only inside the cluster or the VPC and gets an internet-facing load balancer`));
  }
  // On a shared load balancer the service owns only its target group: moving it onto the internet-facing one widens it too.
  const wasRoutedPublicly = new Set(routedPublicly(base).map(({ targetGroup: tg }) => `${tg.stack}\u0000${tg.ownership.service}`));
  for (const { targetGroup: tg } of routedPublicly(head)) {
    const service = `${tg.stack}\u0000${tg.ownership.service}`;
    if (known.get(service) === false && !wasRoutedPublicly.has(service)) danger.push(line(tg, `exposure widened: service ${tg.ownership.service} was reachable only inside the cluster or the VPC and gets rules on the shared internet-facing load balancer`));
  }
  for (const r of base) {
    if (WAF_TYPES[r.type] && !headKeys.has(key(r))) danger.push(line(r, `WAF removed: the ${WAF_TYPES[r.type]} is deleted, so requests reach the load balancer unfiltered`));
  }
  return danger;
}

/** Target groups of other services than the load balancer's own behind an internet-facing load balancer (a shared one). */
function routedPublicly(records: readonly ResourceRecord[]): Array<{ targetGroup: ResourceRecord }> {
  return loadBalancerTargets(records)
    .filter(({ loadBalancer }) => isInternetFacing(loadBalancer))
    .flatMap(({ loadBalancer, targetGroups }) => targetGroups.filter((tg) => tg.ownership.service !== undefined && tg.ownership.service !== loadBalancer.ownership.service).map((targetGroup) => ({ targetGroup })));
}
