import type { ResourceRecord } from '../terraform/resource-index';
import { isInternetFacing, LOAD_BALANCER_TYPES } from '../policy/load-balancers';
import type { DangerLine } from './report-model';

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
  for (const r of base) {
    if (WAF_TYPES[r.type] && !headKeys.has(key(r))) danger.push(line(r, `WAF removed: the ${WAF_TYPES[r.type]} is deleted, so requests reach the load balancer unfiltered`));
  }
  return danger;
}
