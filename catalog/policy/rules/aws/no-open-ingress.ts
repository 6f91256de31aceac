import { evaluate, isUnknown, Unknown } from '../../../terraform/hcl-expression';
import { itemsOf as list, Json } from '../../../../model/json-object';
import { block, ResourceRecord } from '../../../terraform/resource-index';
import { AddressRange, cidrProblem, cidrRanges, coversEverything } from '../../address-ranges';
import { listAttribute, numberAttribute, stringAttribute, unknownAttribute } from '../../attributes';
import type { PolicyContext } from '../../context';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE, RuleResult } from '../../rule';

const WEB_PORTS = [80, 443];
/** A VPC's default security group (aws_default_security_group) takes the same ingress blocks as any group. */
const GROUP_TYPES = ['aws_security_group', 'aws_default_security_group'];
const INGRESS_TYPES = [...GROUP_TYPES, 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'];

interface Source {
  readonly text: string;
  readonly ranges: AddressRange[];
}

/** One ingress permission: a port range and the CIDR blocks it admits. */
interface Ingress {
  readonly from: number;
  readonly to: number;
  readonly sources: Source[];
  /** A port or protocol that cannot be known: the range is taken as all ports, and named if it matters. */
  readonly unknownPort?: [string, Unknown];
}

/** The ingress of one resource, or the finding that stops it being read (fail closed). */
type Read = { ingress: Ingress[] } | { result: RuleResult };

function readIngress(body: Json, prefix: string, cidrAttributes: readonly string[], protocolAttribute: string): { ingress: Ingress } | { result: RuleResult } {
  const sources: Source[] = [];
  for (const attribute of cidrAttributes) {
    const raw = body[attribute];
    const items = attribute.endsWith('_blocks') ? listAttribute(raw) : raw === undefined || raw === null ? undefined : [stringAttribute(raw) as unknown];
    if (isUnknown(items)) return { result: unknownAttribute(`${prefix}${attribute}`, items) };
    for (const item of items ?? []) {
      if (isUnknown(item)) return { result: unknownAttribute(`${prefix}${attribute}`, item) };
      if (item === undefined || item === null) continue;
      const ranges = typeof item === 'string' ? cidrRanges(item) : undefined;
      if (!ranges) return { result: nonCompliant(`has ${prefix}${attribute} ${JSON.stringify(item)}, which is ${typeof item === 'string' ? cidrProblem(item) : 'not a CIDR block'}: Terraform refuses it; write one such as 10.0.0.0/16`) };
      sources.push({ text: item as string, ranges });
    }
  }
  let unknownPort: [string, Unknown] | undefined;
  const protocol = stringAttribute(body[protocolAttribute]);
  if (isUnknown(protocol)) unknownPort = [`${prefix}${protocolAttribute}`, protocol];
  const all = isUnknown(protocol) || protocol === '-1' || protocol === 'all';
  const port = (attribute: string, fallback: number) => {
    const value = numberAttribute(body[attribute]);
    if (isUnknown(value)) {
      unknownPort ??= [`${prefix}${attribute}`, value];
      return undefined;
    }
    return value ?? fallback;
  };
  const from = all ? 0 : port('from_port', 0);
  const to = all ? 65535 : port('to_port', 65535);
  if (from === undefined || to === undefined) return { ingress: { from: 0, to: 65535, sources, unknownPort } };
  return { ingress: { from, to, sources, ...(unknownPort ? { unknownPort } : {}) } };
}

function ingressOf(r: ResourceRecord): Read {
  const reads: Array<ReturnType<typeof readIngress>> = [];
  if (GROUP_TYPES.includes(r.type)) {
    const blocks = listAttribute(r.body.ingress);
    if (isUnknown(blocks)) return { result: unknownAttribute('ingress', blocks) };
    list(r.body.ingress).forEach((i, n) => reads.push(readIngress(i, `ingress[${n}].`, ['cidr_blocks', 'ipv6_cidr_blocks'], 'protocol')));
    // A dynamic "ingress" block writes its content once per item.
    for (const d of list(block(r.body.dynamic)?.ingress)) reads.push(readIngress(block(d.content) ?? {}, 'dynamic ingress ', ['cidr_blocks', 'ipv6_cidr_blocks'], 'protocol'));
  } else if (r.type === 'aws_security_group_rule') {
    const type = stringAttribute(r.body.type);
    if (isUnknown(type)) return { result: unknownAttribute('type', type) };
    if (type !== 'ingress') return { ingress: [] };
    reads.push(readIngress(r.body, '', ['cidr_blocks', 'ipv6_cidr_blocks'], 'protocol'));
  } else {
    reads.push(readIngress(r.body, '', ['cidr_ipv4', 'cidr_ipv6'], 'ip_protocol'));
  }
  const failed = reads.find((x): x is { result: RuleResult } => 'result' in x);
  return failed ?? { ingress: reads.map((x) => (x as { ingress: Ingress }).ingress) };
}

/** The security group a rule or group belongs to: rules of one group add up. */
function groupOf(r: ResourceRecord): string {
  if (GROUP_TYPES.includes(r.type)) return r.address;
  const group = evaluate(r.body.security_group_id);
  if (isUnknown(group) && GROUP_TYPES.some((t) => group.address?.startsWith(`${t}.`)) && group.text === `${group.address}.id`) return group.address!;
  return r.address;
}

/** Per stack and group: the readable ingress of every resource that adds to it. Built once per run. */
const groupsByContext = new WeakMap<PolicyContext, Map<string, Map<string, Ingress[]>>>();

function groupIngress(ctx: PolicyContext, r: ResourceRecord): Ingress[] {
  let stacks = groupsByContext.get(ctx);
  if (!stacks) groupsByContext.set(ctx, (stacks = new Map()));
  let groups = stacks.get(r.stack);
  if (!groups) {
    groups = new Map();
    for (const x of ctx.inStack(r.stack)) {
      if (!INGRESS_TYPES.includes(x.type)) continue;
      const read = ingressOf(x);
      if (!('ingress' in read)) continue;
      const key = groupOf(x);
      groups.set(key, [...(groups.get(key) ?? []), ...read.ingress]);
    }
    stacks.set(r.stack, groups);
  }
  return groups.get(groupOf(r)) ?? [];
}

/** Whether the sources admitting `port` in the group cover every IPv4 or every IPv6 address. */
function openToWorld(group: readonly Ingress[], port: number): boolean {
  const ranges = group.filter((i) => i.from <= port && port <= i.to).flatMap((i) => i.sources.flatMap((s) => s.ranges));
  return coversEverything(ranges, 'ipv4') || coversEverything(ranges, 'ipv6');
}

/** Ports where the group is open to the world, checked once per distinct stretch of port ranges. */
function worldOpenPorts(group: readonly Ingress[], own: Ingress): number[] {
  const edges = new Set<number>([own.from]);
  for (const i of group) for (const p of [i.from, i.to + 1]) if (p > own.from && p <= own.to) edges.add(p);
  return [...edges].sort((a, b) => a - b).filter((p) => openToWorld(group, p));
}

function isLoadBalancerGroup(group: string, ctx: PolicyContext, r: ResourceRecord): boolean {
  return ctx.inStack(r.stack).some((x) => (x.type === 'aws_lb' || x.type === 'aws_alb') && JSON.stringify(x.body.security_groups ?? []).includes(group));
}

export default defineRule(__filename, {
  rationale: 'Ingress from anywhere exposes the service to the whole internet; only a load balancer should face it, on 80/443.',
  fix: 'Admit a security group or a known CIDR instead of 0.0.0.0/0 or ::/0; put public traffic behind a load balancer.',
  types: INGRESS_TYPES,
  check: (r, ctx) => {
    const read = ingressOf(r);
    if ('result' in read) return read.result;
    if (r.type === 'aws_security_group_rule' && !read.ingress.length) return NOT_APPLICABLE;
    const group = groupIngress(ctx, r);
    const open = read.ingress.filter((i) => i.sources.length && worldOpenPorts(group, i).length);
    if (!open.length) return COMPLIANT;
    const unknown = open.find((i) => i.unknownPort);
    if (unknown) return unknownAttribute(...unknown.unknownPort!);
    const lb = isLoadBalancerGroup(groupOf(r), ctx, r);
    const bad = open.filter((i) => !(lb && i.from === i.to && WEB_PORTS.includes(i.from)));
    if (!bad.length) return COMPLIANT;
    const describe = (i: Ingress) => {
      const world = i.sources.filter((s) => coversEverything(s.ranges, 'ipv4') || coversEverything(s.ranges, 'ipv6'));
      const shown = world.length ? world : i.sources;
      return `ports ${i.from === i.to ? i.from : `${i.from}-${i.to}`} from ${shown.map((s) => s.text).join(' and ')}${world.length ? '' : ' (with the other rules of its group: every address)'}`;
    };
    return nonCompliant(`admits ${bad.map(describe).join(', ')}${lb ? '' : ' (not a load balancer)'}`);
  },
});
