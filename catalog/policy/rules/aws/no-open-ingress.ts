import { literal, resourceKey, ResourceRecord } from '../../../terraform/resource-index';
import type { PolicyContext } from '../../context';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE } from '../../rule';

const WORLD = ['0.0.0.0/0', '::/0'];
const WEB_PORTS = [80, 443];

interface Ingress {
  readonly from: number;
  readonly to: number;
  readonly cidrs: string[];
}

/** The security group a rule or group belongs to, for the load balancer exception. */
function groupAddress(r: ResourceRecord): string | undefined {
  if (r.type === 'aws_security_group') return resourceKey(r);
  const ref = literal(r.body.security_group_id) === undefined ? String(r.body.security_group_id ?? '').match(/aws_security_group\.([A-Za-z0-9_-]+)\./) : null;
  return ref ? `${r.stack}/aws_security_group.${ref[1]}` : undefined;
}

function ingressOf(r: ResourceRecord): Ingress[] {
  const port = (v: unknown, fallback: number) => (v === undefined || v === null ? fallback : Number(literal(v) ?? fallback));
  if (r.type === 'aws_security_group') {
    const rules = Array.isArray(r.body.ingress) ? r.body.ingress : r.body.ingress ? [r.body.ingress] : [];
    return rules.map((i: Record<string, unknown>) => ({ from: port(i.from_port, 0), to: port(i.to_port, 65535), cidrs: [...((i.cidr_blocks as string[]) ?? []), ...((i.ipv6_cidr_blocks as string[]) ?? [])] }));
  }
  if (r.type === 'aws_security_group_rule' && literal(r.body.type) !== 'ingress') return [];
  const protocol = literal(r.body.ip_protocol ?? r.body.protocol);
  const all = protocol === '-1' || protocol === 'all';
  return [
    {
      from: all ? 0 : port(r.body.from_port, 0),
      to: all ? 65535 : port(r.body.to_port, 65535),
      cidrs: [r.body.cidr_ipv4, r.body.cidr_ipv6, ...((r.body.cidr_blocks as string[]) ?? []), ...((r.body.ipv6_cidr_blocks as string[]) ?? [])].filter((c): c is string => typeof c === 'string'),
    },
  ];
}

function isLoadBalancerGroup(group: string | undefined, ctx: PolicyContext, r: ResourceRecord): boolean {
  if (!group) return false;
  return ctx.inStack(r.stack).some((x) => (x.type === 'aws_lb' || x.type === 'aws_alb') && JSON.stringify(x.body.security_groups ?? []).includes(group.split('/')[1]));
}

export default defineRule(__filename, {
  rationale: 'Ingress from anywhere exposes the service to the whole internet; only a load balancer should face it, on 80/443.',
  fix: 'Admit a security group or a known CIDR instead of 0.0.0.0/0 or ::/0; put public traffic behind a load balancer.',
  types: ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'],
  check: (r, ctx) => {
    const open = ingressOf(r).filter((i) => i.cidrs.some((c) => WORLD.includes(c)));
    if (!open.length) return r.type === 'aws_security_group_rule' && literal(r.body.type) !== 'ingress' ? NOT_APPLICABLE : COMPLIANT;
    const lb = isLoadBalancerGroup(groupAddress(r), ctx, r);
    const bad = open.filter((i) => !(lb && i.from === i.to && WEB_PORTS.includes(i.from)));
    if (!bad.length) return COMPLIANT;
    return nonCompliant(`admits ${bad.map((i) => `ports ${i.from === i.to ? i.from : `${i.from}-${i.to}`} from ${i.cidrs.filter((c) => WORLD.includes(c)).join(' and ')}`).join(', ')}${lb ? '' : ' (not a load balancer)'}`);
  },
});
