import type { OrganisationMetadata } from '../../model/golden-path-metadata';
import { groupBy } from '../../model/group-by';
import type { ResourceRecord } from '../terraform/resource-index';
import { resourceKey } from '../terraform/resource-index';
import { readResources } from '../terraform/ownership-inference';
import { deadLetterQueues } from '../terraform/resource-kinds';
import { compareText } from '../../model/stable-json';
import { organisationOf, TerraformConfiguration } from '../terraform/terraform-output';
import { priceItemOf } from './price-items';
import type { FreeTier } from '../resource-types/price-item';
import { originDate, originLabel, PriceEntry, PriceTable, toNano } from './price-table';
import { notAnalysedModules } from '../terraform/resource-instances';
import { FARGATE_GB_HOUR, FARGATE_VCPU_HOUR } from '../resource-types/fargate';
import { NotPricedError, PriceResult, PricingContext } from '../resource-types/pricing';
import { FREE_TYPES, PRICERS } from '../resource-types/tables';
import type { Usage } from './usage';
import { splitSharedCosts } from './shared-costs';

export interface CostComponent {
  /** Price table key, e.g. rds.instance.postgres.db.t3.large.single-az. */
  readonly item: string;
  readonly what: string;
  readonly quantity: number;
  readonly unit: string;
  readonly unitUsd: string;
  readonly monthlyCents: number;
  /** Where the unit price comes from: the offer record's SKU or the reference, and its date. */
  readonly provenance: Provenance;
}

export interface Provenance {
  readonly source: string;
  readonly date: string;
  readonly sku?: string;
  readonly verified: boolean;
}

/** The type of the negative lines that apply an account's monthly free tier. */
export const FREE_TIER_TYPE = 'free-tier';

export interface CostLine {
  readonly stack: string;
  readonly address: string;
  readonly type: string;
  readonly region: string;
  readonly service?: string;
  readonly team?: string;
  readonly costCenter?: string;
  readonly environment?: string;
  readonly components: CostComponent[];
  readonly monthlyCents: number;
}

export interface NotPricedResource {
  readonly stack: string;
  readonly address: string;
  readonly type: string;
  readonly service?: string;
  readonly team?: string;
  readonly environment?: string;
  readonly reason: string;
}

export interface Estimate {
  readonly lines: CostLine[];
  readonly notPriced: NotPricedResource[];
  readonly freeResources: number;
  readonly tablesUsed: PriceTable[];
}

export interface EstimateOptions {
  readonly tables: ReadonlyMap<string, PriceTable>;
  readonly usage: Usage;
  /** Apply each account's (environment's) monthly free tier as negative lines. @default the organisation's `cost.freeTiers`, else true */
  readonly freeTiers?: boolean;
}

const USAGE_FILE_PRICE: Provenance = { source: 'usage file: kubernetes node price', date: '', verified: false };
/** One provenance per price entry, shared by every component it prices (its source is a long sentence). */
const provenances = new WeakMap<PriceEntry, Provenance>();

function provenanceOf(entry: PriceEntry | undefined, override: string | undefined): Provenance {
  if (!entry || override) return USAGE_FILE_PRICE;
  let known = provenances.get(entry);
  if (!known) provenances.set(entry, (known = describeProvenance(entry)));
  return known;
}

function describeProvenance(entry: PriceEntry): Provenance {
  const { origin } = entry;
  return {
    source: originLabel(origin),
    date: originDate(origin),
    ...('offer' in origin ? { sku: origin.offer.sku } : {}),
    verified: 'offer' in origin || origin.reference.verified,
  };
}

/**
 * Each account's monthly free tier, once per environment: for every pool (alarms, dashboards,
 * log ingestion, SQS and SNS requests) the allowance is credited against what the environment's
 * lines use, at their unit price, as one negative line per pool.
 */
function freeTierLines(lines: readonly CostLine[]): CostLine[] {
  const credits: CostLine[] = [];
  const byEnvironment = groupBy(lines, (l) => l.environment);
  for (const [environment, envLines] of [...byEnvironment].sort(([a], [b]) => compareText(a, b))) {
    const pools = new Map<string, { tier: FreeTier; region: string; items: Map<string, { used: number; component: CostComponent }> }>();
    for (const l of envLines) {
      for (const c of l.components) {
        const tier = priceItemOf(c.item)?.item.freeTier;
        if (!tier || c.quantity <= 0) continue;
        const pool = pools.get(tier.pool) ?? { tier, region: l.region, items: new Map() };
        const seen = pool.items.get(c.item);
        pool.items.set(c.item, { used: (seen?.used ?? 0) + c.quantity, component: c });
        pools.set(tier.pool, pool);
      }
    }
    for (const [name, { tier, region, items }] of [...pools].sort(([a], [b]) => compareText(a, b))) {
      let left = tier.perMonth;
      const components: CostComponent[] = [];
      for (const [item, { used, component }] of [...items].sort(([a], [b]) => compareText(b, a))) {
        const quantity = Math.min(left, used);
        if (quantity <= 0) continue;
        left -= quantity;
        components.push({
          item,
          what: `free tier: ${tier.perMonth} ${component.unit} per account and month`,
          quantity: -quantity,
          unit: component.unit,
          unitUsd: component.unitUsd,
          monthlyCents: -Math.round((toNano(component.unitUsd) * quantity) / 1e7),
          provenance: { source: tier.reference, date: '', verified: false },
        });
      }
      if (components.length) {
        credits.push({ stack: environment, address: `${FREE_TIER_TYPE}.${name}`, type: FREE_TIER_TYPE, region, environment, components, monthlyCents: components.reduce((s, c) => s + c.monthlyCents, 0) });
      }
    }
  }
  return credits;
}

/** Descriptions repeat across thousands of resources (`db.t3.micro postgres Single-AZ`): one string each. */
const texts = new Map<string, string>();
function sharedText(text: string): string {
  const known = texts.get(text);
  if (known !== undefined) return known;
  if (texts.size < 100_000) texts.set(text, text);
  return text;
}

/** A pricer's result; an input it cannot know (an expression) makes the resource not priced. */
function priceOf(pricer: (typeof PRICERS)[string], r: ResourceRecord, context: PricingContext): PriceResult {
  try {
    return pricer(r, context);
  } catch (error) {
    if (error instanceof NotPricedError) return { notPriced: error.message };
    throw error;
  }
}

/** Kubernetes objects have no region of their own: the environment's, from the settings. */
function regionOf(r: ResourceRecord, organisation: OrganisationMetadata | undefined): string | undefined {
  return r.region ?? (r.ownership.environment ? organisation?.environments[r.ownership.environment]?.region : undefined);
}

/**
 * Prices every resource of the configurations for a month (730 hours) from the price tables.
 * What cannot be priced is listed with the reason, never counted as zero.
 */
export function estimate(configurations: readonly TerraformConfiguration[], options: EstimateOptions, records: readonly ResourceRecord[] = readResources(configurations)): Estimate {
  const organisation = organisationOf(configurations);
  const dlq = deadLetterQueues(records);
  const lines: CostLine[] = [];
  const notPriced: NotPricedResource[] = [];
  const tablesUsed = new Set<PriceTable>();
  const byStackAndType = groupBy(records, (r) => `${r.stack}|${r.type}`);
  let freeResources = 0;
  for (const r of records) {
    const service = r.ownership.service;
    const skip = (reason: string) =>
      notPriced.push({
        stack: r.stack,
        address: r.address,
        type: r.type,
        ...(service ? { service } : {}),
        ...(r.ownership.owner ? { team: r.ownership.owner } : {}),
        ...(r.ownership.environment ? { environment: r.ownership.environment } : {}),
        reason,
      });
    const pricer = PRICERS[r.type];
    if (r.unknownInstances && !FREE_TYPES.has(r.type)) {
      skip(r.unknownInstances);
      continue;
    }
    if (!pricer) {
      if (FREE_TYPES.has(r.type)) freeResources++;
      else skip('no pricing rule for this resource type');
      continue;
    }
    const environment = r.ownership.environment;
    const result = priceOf(pricer, r, {
      usage: options.usage.figures(service, environment),
      isDeadLetterQueue: dlq.has(resourceKey(r)),
      resourcesOfType: (type) => byStackAndType.get(`${r.stack}|${type}`) ?? [],
    });
    if ('notPriced' in result) {
      skip(result.notPriced);
      continue;
    }
    if (!result.charges.length) {
      freeResources++;
      continue;
    }
    const region = regionOf(r, organisation);
    const table = region ? options.tables.get(region) : undefined;
    if (!region || !table) {
      skip(region ? `no price table for region ${region}` : 'region unknown');
      continue;
    }
    const overrides = options.usage.kubernetesPrices(service);
    const components: CostComponent[] = [];
    let missing: string | undefined;
    for (const charge of result.charges) {
      // A usage file's node prices replace the Fargate rate for Kubernetes workloads only, never for ECS tasks.
      const kubernetes = r.type.startsWith('kubernetes_');
      const override = !kubernetes ? undefined : charge.item === FARGATE_VCPU_HOUR.x86 ? overrides.vcpuHourUsd : charge.item === FARGATE_GB_HOUR.x86 ? overrides.gibHourUsd : undefined;
      const entry = table.prices[charge.item];
      if (!entry && !override) {
        missing = charge.item;
        break;
      }
      const unitUsd = override ?? entry.usd;
      components.push({
        item: charge.item,
        what: sharedText(charge.what),
        quantity: charge.quantity,
        unit: entry?.unit ?? 'Hrs',
        unitUsd,
        provenance: provenanceOf(entry, override),
        // Nano-dollars times quantity, rounded once to the cent: exact for the price list's decimals.
        monthlyCents: Math.round((toNano(unitUsd) * charge.quantity) / 1e7),
      });
    }
    if (missing) {
      skip(`no ${region} price for ${missing}`);
      continue;
    }
    tablesUsed.add(table);
    lines.push({
      stack: r.stack,
      address: r.address,
      type: r.type,
      region,
      ...(service ? { service } : {}),
      ...(r.ownership.owner ? { team: r.ownership.owner } : {}),
      ...(r.ownership['cost-center'] ? { costCenter: r.ownership['cost-center'] } : {}),
      ...(environment ? { environment } : {}),
      components,
      monthlyCents: components.reduce((sum, c) => sum + c.monthlyCents, 0),
    });
  }
  // Module calls are not in the configuration's JSON: said, never priced as nothing.
  for (const m of notAnalysedModules(configurations)) notPriced.push({ stack: m.stack, address: m.address, type: 'module', reason: m.reason });
  // An environment's shared load balancer is paid for by the services behind it.
  const allocated = splitSharedCosts(lines, records);
  const freeTiers = options.freeTiers ?? organisation?.cost?.freeTiers ?? true;
  if (freeTiers) allocated.push(...freeTierLines(allocated));
  return { lines: allocated, notPriced, freeResources, tablesUsed: [...tablesUsed].sort((a, b) => compareText(a.region, b.region)) };
}
