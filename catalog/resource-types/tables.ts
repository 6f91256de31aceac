/**
 * The engine's lookups, built from the registry (index.ts): the one place each is derived, so no
 * type can be priced without a catalog role being decided, or stateful without being known.
 */
import { GroundworkError } from '../../model/errors';
import type { ResourceRecord } from '../terraform/resource-index';
import { RESOURCE_TYPES } from './index';
import type { PriceItem } from './price-item';
import type { PriceResult, PricingContext } from './pricing';
import type { ResourceType, ScorecardRole, UsageFigure } from './resource-type';

/** Every name (type and alias) -> its definition; a name claimed twice stops at load. */
export const TYPE_BY_NAME: ReadonlyMap<string, ResourceType> = (() => {
  const byName = new Map<string, ResourceType>();
  for (const definition of RESOURCE_TYPES) {
    for (const name of [definition.type, ...(definition.aliases ?? [])]) {
      if (byName.has(name)) throw new GroundworkError(`The resource type ${name} is declared twice in catalog/resource-types (${byName.get(name)!.type} and ${definition.type}).`);
      byName.set(name, definition);
    }
  }
  return byName;
})();

const lookup = <T>(pick: (definition: ResourceType) => T | undefined): Readonly<Record<string, T>> =>
  Object.fromEntries([...TYPE_BY_NAME].flatMap(([name, definition]) => {
    const value = pick(definition);
    return value === undefined ? [] : [[name, value]];
  }));

type Pricer = (r: ResourceRecord, context: PricingContext) => PriceResult;

/** How each priced resource type is priced. */
export const PRICERS: Readonly<Record<string, Pricer>> = lookup((d) => (typeof d.pricing === 'object' ? d.pricing.pricer : undefined));

/** Types that cost nothing by themselves: counted as free, not as unpriced. Anything neither here nor in PRICERS is reported as not priced. */
export const FREE_TYPES: ReadonlySet<string> = new Set(Object.keys(lookup((d) => (d.pricing === 'free' ? true : undefined))));

/** Primary resource types: each becomes a catalog resource entity. */
export const PRIMARY_TYPES = lookup((d) => d.catalog);

/** Types that hold data, and the attributes whose change replaces them. */
export const STATEFUL_TYPES = lookup((d) => d.stateful);

/** Attributes that protect a resource from deletion, and the value that means "protected". */
export const DELETION_PROTECTION = lookup((d) => d.deletionProtection);

/** Every declared price item, in registry order. */
export const PRICE_ITEMS: readonly PriceItem[] = RESOURCE_TYPES.flatMap((d) => d.priceItems ?? []);

/** Every usage figure, by name, in registry order. */
export const USAGE_FIGURES: Readonly<Record<string, UsageFigure>> = Object.fromEntries(RESOURCE_TYPES.flatMap((d) => Object.entries(d.usage ?? {})));

/** Whether a scorecard check looks at resources of this type. */
export const hasScorecardRole = (type: string, role: ScorecardRole): boolean => TYPE_BY_NAME.get(type)?.scorecard?.includes(role) ?? false;

/** Kubernetes types that run pods: the catalog's workloads (aliases included), and bare pods, which the catalog does not list but rules still judge. */
export const WORKLOAD_TYPES: readonly string[] = [...Object.keys(lookup((d) => (d.catalog?.kind === 'workload' ? true : undefined))), 'kubernetes_pod', 'kubernetes_pod_v1'];
