/**
 * What the platform knows about one Terraform resource type, in one place (the shape of Infracost's
 * internal/resources/aws/*.go): its aliases, the catalog kind it becomes, the attributes it reads,
 * what replacing it loses, how it is priced (price keys, pricer, usage figures), which scorecard
 * checks look at it and whether AWS tags it. `index.ts` lists every type; `tables.ts` builds the
 * engine's lookups from that list, so no other table names a type.
 */
import type { ResourceRecord } from '../terraform/resource-index';
import type { ResourceKind } from '../terraform/resource-kinds';
import type { PriceItem } from './price-item';
import type { PriceResult, PricingContext } from './pricing';

/** One usage figure a pricer reads (usage/<service>.json): its documented default and schema. */
export interface UsageFigure {
  readonly default: number;
  readonly description?: string;
  readonly maximum?: number;
}

/** The scorecard checks that select resources by type (catalog/policy/scorecards.ts). */
export type ScorecardRole = 'database-backups' | 'multi-az-production' | 'workload' | 'autoscaler' | 'disruption-budget' | 'repository';

/** How a type is priced: a pricer, free by itself, or explicitly not priced (listed as such in the report). */
export type Pricing<U extends string> = { pricer(r: ResourceRecord, context: PricingContext<U>): PriceResult } | 'free' | 'not priced';

export interface ResourceType<U extends string = string> {
  /** The Terraform type; its file is `<provider>/<type>.ts`. */
  readonly type: string;
  /** Other names the provider gives the same resource (aws_alb for aws_lb). */
  readonly aliases?: readonly string[];
  /** The attributes the platform reads from the body (the typed reader's names). */
  readonly attributes?: readonly string[];
  /** Set when the type becomes a catalog resource entity: its kind and its own name, as its cloud knows it. */
  readonly catalog?: { readonly kind: ResourceKind; readonly name: (r: ResourceRecord) => string | undefined };
  /** Holds data: what it is called, and the attributes whose change replaces it (the provider's ForceNew). */
  readonly stateful?: { readonly what: string; readonly replacedBy: readonly string[] };
  /** The attribute that protects it from deletion, and the value that means "protected". */
  readonly deletionProtection?: { readonly attribute: string; readonly protectedWhen: unknown };
  readonly pricing: Pricing<U>;
  /** The price items this type declares (others it charges are declared by the type that owns them). */
  readonly priceItems?: readonly PriceItem[];
  /** Usage figures its pricer reads, by name. */
  readonly usage?: Readonly<Record<U, UsageFigure>>;
  readonly scorecard?: readonly ScorecardRole[];
  /** AWS types: whether the provider schema gives it a tags map (must agree with catalog/policy/aws-taggable-types.json). */
  readonly taggable?: boolean;
}

/** Declares a type; the usage figure names its pricer may read are inferred from `usage`. */
export function resourceType<const U extends string = never>(definition: ResourceType<U>): ResourceType<U> {
  return definition;
}

/**
 * A typed reader of a resource body: only the named attributes can be read, each as `unknown`
 * (a Terraform value may be a literal, a block or an expression).
 */
export function attributeReader<const K extends string>(...names: K[]): { readonly names: readonly K[]; read(r: ResourceRecord): Readonly<Partial<Record<K, unknown>>> } {
  return { names, read: (r) => r.body as Partial<Record<K, unknown>> };
}
