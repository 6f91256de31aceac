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
 * Puts each entity's monthly cost on it: a resource's from the Terraform addresses that implement
 * it; a service's, team's or environment's from the resources carrying its tag; a system's from
 * its services.
 */
export function addCostsToCatalog(catalog: Catalog, estimate: Estimate): void {
  const items: Tagged[] = [
    ...estimate.lines.map((l) => ({ key: `${l.stack}/${l.address}`, cents: l.monthlyCents, priced: true, service: l.service, team: l.team, environment: l.environment })),
    ...estimate.notPriced.map((n) => ({ key: `${n.stack}/${n.address}`, cents: 0, priced: false, service: n.service, team: n.team, environment: n.environment })),
  ];
  const byKey = new Map(items.map((i) => [i.key, i]));
  const byService = groupBy(items, (i) => i.service);
  const byTeam = groupBy(items, (i) => i.team);
  const byEnvironment = groupBy(items, (i) => i.environment);
  for (const e of catalog.entities) {
    if (e.kind === 'resource') e.cost = total(e.terraform.map((t) => byKey.get(`${t.stack}/${t.address}`)).filter((i): i is Tagged => Boolean(i)));
    else if (e.kind === 'service') e.cost = total(byService.get(e.name) ?? []);
    else if (e.kind === 'team') e.cost = total(byTeam.get(e.name) ?? []);
    else if (e.kind === 'environment') e.cost = total(byEnvironment.get(e.name) ?? []);
    else if (e.kind === 'system') e.cost = total((e.services ?? []).flatMap((s) => byService.get(s) ?? []));
  }
}
