import { resourceKey } from '../terraform/resource-index';
import { groupBy } from '../../model/group-by';
import type { Catalog, CatalogEntity } from '../service-catalog/catalog-model';
import type { Estimate } from './estimate';

interface Tagged {
  readonly key: string;
  readonly cents: number;
  readonly priced: boolean;
  readonly service?: string;
  readonly team?: string;
  readonly environment?: string;
}

type Cost = NonNullable<CatalogEntity['cost']>;

const total = (items: readonly Tagged[]): Cost => ({
  monthlyUsd: items.reduce((s, i) => s + i.cents, 0) / 100,
  notPriced: items.filter((i) => !i.priced).length,
});

/**
 * The catalog with each entity's monthly cost on it: a resource's from the Terraform addresses
 * that implement it; a service's, team's or environment's from the resources it owns; a
 * system's from its services. The entities gain their cost in place (a large plan's catalog is
 * not copied): pass a catalog nothing else reads any more.
 */
export function withCosts(catalog: Catalog, estimate: Estimate): Catalog {
  const items: Tagged[] = [
    ...estimate.lines.map((l) => ({ key: resourceKey(l), cents: l.monthlyCents, priced: true, service: l.service, team: l.team, environment: l.environment })),
    ...estimate.notPriced.map((n) => ({ key: resourceKey(n), cents: 0, priced: false, service: n.service, team: n.team, environment: n.environment })),
  ];
  const byKey = new Map(items.map((i) => [i.key, i]));
  const byService = groupBy(items, (i) => i.service);
  const byTeam = groupBy(items, (i) => i.team);
  const byEnvironment = groupBy(items, (i) => i.environment);
  const costOf = (e: CatalogEntity): Cost => {
    if (e.kind === 'resource') return total(e.terraform.map((t) => byKey.get(resourceKey(t))).filter((i): i is Tagged => Boolean(i)));
    if (e.kind === 'service') return total(byService.get(e.name) ?? []);
    if (e.kind === 'team') return total(byTeam.get(e.name) ?? []);
    if (e.kind === 'environment') return total(byEnvironment.get(e.name) ?? []);
    return total((e.services ?? []).flatMap((s) => byService.get(s) ?? []));
  };
  for (const e of catalog.entities) (e as { cost?: Cost }).cost = costOf(e);
  return catalog;
}
