import { compareText } from '../../model/stable-json';
import type { ResourceRecord } from '../terraform/resource-index';
import { loadBalancerTargets } from '../terraform/load-balancer-targets';
import type { CostComponent, CostLine } from './estimate';

interface Sharer {
  readonly service: string;
  readonly team?: string;
  readonly costCenter?: string;
}

/**
 * A load balancer that forwards to target groups of other services than its own (an
 * environment's shared load balancer) is shared by those services: every cost line of its owner
 * (the load balancer, its WAF, its access log bucket, in its stack and environment) is split
 * evenly across them, one line per service with a 1/N share of each quantity; the cents are
 * split so that the shares add up to the whole. The provenance says "shared by N services".
 */
export function splitSharedCosts(lines: readonly CostLine[], records: readonly ResourceRecord[]): CostLine[] {
  const sharedBy = new Map<string, Sharer[]>();
  for (const { loadBalancer, targetGroups } of loadBalancerTargets(records)) {
    const owner = loadBalancer.ownership.service;
    const services = new Map<string, Sharer>();
    for (const tg of targetGroups) {
      const service = tg.ownership.service;
      if (service && !services.has(service)) services.set(service, { service, team: tg.ownership.owner, costCenter: tg.ownership['cost-center'] });
    }
    if (!owner || ![...services.keys()].some((s) => s !== owner)) continue;
    sharedBy.set(ownerKey(loadBalancer.stack, owner, loadBalancer.ownership.environment), [...services.values()].sort((a, b) => compareText(a.service, b.service)));
  }
  if (!sharedBy.size) return [...lines];
  return lines.flatMap((line) => {
    const sharers = line.service === undefined ? undefined : sharedBy.get(ownerKey(line.stack, line.service, line.environment));
    return sharers ? shares(line, sharers) : [line];
  });
}

const ownerKey = (stack: string, service: string, environment: string | undefined) => `${stack}\u0000${service}\u0000${environment ?? ''}`;

/** Whole cents split in n parts that add up: the first (cents mod n) parts get one more. */
function splitCents(cents: number, n: number, i: number): number {
  const sign = cents < 0 ? -1 : 1;
  const whole = Math.abs(cents);
  return sign * (Math.floor(whole / n) + (i < whole % n ? 1 : 0));
}

function shares(line: CostLine, sharers: readonly Sharer[]): CostLine[] {
  const n = sharers.length;
  return sharers.map((sharer, i) => {
    const components: CostComponent[] = line.components.map((c) => ({
      ...c,
      what: `${c.what}, 1/${n} share`,
      quantity: c.quantity / n,
      monthlyCents: splitCents(c.monthlyCents, n, i),
      provenance: { ...c.provenance, source: `${c.provenance.source}; shared by ${n} services (split evenly)` },
    }));
    const { team: _team, costCenter: _costCenter, ...rest } = line;
    return {
      ...rest,
      service: sharer.service,
      ...(sharer.team ? { team: sharer.team } : {}),
      ...(sharer.costCenter ? { costCenter: sharer.costCenter } : {}),
      components,
      monthlyCents: components.reduce((sum, c) => sum + c.monthlyCents, 0),
    };
  });
}
