/** The tool-neutral catalog: what exists, who owns it, what depends on what. */
import type { ResourceKind } from '../terraform/resource-kinds';
import { entityName } from './entity-names';

/** v2: one entity type per kind; shared platform infrastructure is resources, not services (v1: catalog/service-catalog/catalog-v1.ts). */
export const CATALOG_API_VERSION = 'groundwork.dev/v2';

export type EntityKind = 'team' | 'system' | 'service' | 'environment' | 'resource';
export type RelationType = 'ownedBy' | 'ownerOf' | 'dependsOn' | 'dependencyOf' | 'partOf' | 'hasPart';

export interface EntityLink {
  readonly title: string;
  /**
   * @format uri
   * @pattern ^https?://
   */
  readonly url: string;
  /** runbook, docs, dashboard, repository, console, logs */
  readonly type: string;
}

/** An alarm that notifies the owning team, with its CloudWatch console page where the region is a listed one. */
export interface EntityAlarm {
  /** @minLength 1 */
  readonly name: string;
  /**
   * @format uri
   * @pattern ^https://
   */
  readonly url?: string;
}

/** How a service is reached in one environment (where exposed beyond the cluster), what it promises there and what watches it. */
export interface ServiceEndpoint {
  /** @minLength 1 */
  readonly environment: string;
  /**
   * https://<hostname>, only when the metadata's URL is exactly that with a valid DNS name.
   * @format uri
   * @pattern ^https://(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$
   */
  readonly url?: string;
  readonly exposure: 'internal' | 'public';
  readonly slo?: ServiceObjectives;
  readonly alarms: EntityAlarm[];
}

/** Objectives in synth's ranges (model/service-level-objectives.ts). */
export interface ServiceObjectives {
  /**
   * @minimum 50
   * @exclusiveMaximum 100
   */
  readonly availability?: number;
  readonly latency?: {
    /**
     * @multipleOf 1
     * @minimum 1
     * @maximum 60000
     */
    readonly thresholdMs: number;
    /**
     * @minimum 50
     * @exclusiveMaximum 100
     */
    readonly percent: number;
  };
}

export interface EntityRelation {
  readonly type: RelationType;
  /**
   * Id of the other entity, `<kind>:<name>`.
   * @pattern ^(team|system|service|environment|resource):[A-Za-z0-9]+([-_.][A-Za-z0-9]+)*$
   */
  readonly target: string;
}

/** Where an entity is implemented: the stack and the Terraform address of each resource. */
export interface TerraformAddress {
  readonly stack: string;
  readonly address: string;
  readonly constructPath?: string;
}

/**
 * @pattern ^[A-Za-z0-9]+([-_.][A-Za-z0-9]+)*$
 * @minLength 1
 * @maxLength 63
 */
type EntityName = string;

/** What every entity has, whatever its kind. */
interface EntityBase<K extends EntityKind> {
  readonly kind: K;
  /**
   * `<kind>:<name>`, unique in the catalog.
   * @pattern ^(team|system|service|environment|resource):[A-Za-z0-9]+([-_.][A-Za-z0-9]+)*$
   */
  readonly id: string;
  readonly name: EntityName;
  title?: string;
  description?: string;
  /** golden-path: described by a golden path's metadata (the platform's own included); tags: inferred from tags alone; settings: from the organisation settings. */
  source: 'golden-path' | 'tags' | 'settings';
  tags: Record<string, string>;
  links: EntityLink[];
  relations: EntityRelation[];
  terraform: TerraformAddress[];
  /** Monthly cost, filled in by the cost step when it runs. */
  cost?: EntityCost;
}

export interface EntityCost {
  /** @minimum 0 */
  readonly monthlyUsd: number;
  /**
   * @multipleOf 1
   * @minimum 0
   */
  readonly notPriced: number;
}

/** Actual spend of the latest billed month, when `npm run spend` has run. */
export interface EntitySpend {
  /** @pattern ^[0-9]{4}-[0-9]{2}$ */
  readonly month: string;
  readonly amount: number;
  readonly currency: string;
}

/** A team (Backstage: Group): its contacts, the services it owns and its cost centers. */
export interface TeamEntity extends EntityBase<'team'> {
  email?: string;
  slackChannel?: string;
  services: string[];
  costCenters: string[];
  spend?: EntitySpend;
}

/** A system (Backstage: System): services golden paths declare part of it, owned by most of their team. */
export interface SystemEntity extends EntityBase<'system'> {
  owner?: string;
  services: string[];
}

/** A service a golden path or the tags describe (Backstage: Component of type service). */
export interface ServiceEntity extends EntityBase<'service'> {
  owner?: string;
  costCenter?: string;
  /** @minLength 1 */
  lifecycle: string;
  /**
   * @multipleOf 1
   * @minimum 1
   * @maximum 3
   */
  tier?: number;
  system?: string;
  environments: string[];
  /**
   * @format uri
   * @pattern ^https?://
   */
  repositoryUrl?: string;
  /**
   * The golden path that made it (http-service, worker, ...).
   * @minLength 1
   */
  goldenPath?: string;
  /**
   * Backstage's backstage.io/techdocs-ref (the repository holding mkdocs.yml).
   * @pattern ^(url|dir):\S+$
   */
  techdocsRef?: string;
  /** Day-2 operations the platform offers (restart, rollback, scale), linked as `actions`. */
  operations?: Array<'restart' | 'rollback' | 'scale'>;
  /** Per environment where it is exposed beyond the cluster, its URL, exposure, SLOs and alarms. */
  endpoints?: ServiceEndpoint[];
  spend?: EntitySpend;
  /** Scorecard and findings, filled in by the policy step when it runs. */
  scorecard?: { readonly level: 'none' | 'bronze' | 'silver' | 'gold'; readonly failing: string[] };
}

/** An environment (Backstage: Resource of type environment), owned by the platform team. */
export interface EnvironmentEntity extends EntityBase<'environment'> {
  owner?: string;
  region?: string;
  production: boolean;
  stacks: string[];
  /** The services (catalog service entities) with resources in it. */
  services: string[];
  spend?: EntitySpend;
}

/** What a resource entity is: a kind the Terraform reader knows, or shared platform infrastructure no kind covers (the pipeline's roles). */
export type ResourceType = ResourceKind | typeof PLATFORM_RESOURCE;
export const PLATFORM_RESOURCE = 'platform';

/** A resource (Backstage: Resource): a database, queue, network, alert topic, ... with its owner and Terraform addresses. */
export interface ResourceEntity extends EntityBase<'resource'> {
  type: ResourceType;
  owner?: string;
  /** The service entity it belongs to, when its owner is one. */
  service?: string;
  environment?: string;
  costCenter?: string;
  region?: string;
  /**
   * @format uri
   * @pattern ^https?://
   */
  repositoryUrl?: string;
}

/**
 * Every entity of the catalog, one type per kind (as Backstage's catalog-model has one per kind).
 * @discriminator kind
 */
export type CatalogEntity = TeamEntity | SystemEntity | ServiceEntity | EnvironmentEntity | ResourceEntity;

/** The entity type of a kind: EntityOf<'service'> is ServiceEntity. */
export type EntityOf<K extends EntityKind> = Extract<CatalogEntity, { kind: K }>;

/** A type guard for one kind, for filters: `entities.filter(isKind('service'))` is ServiceEntity[]. */
export const isKind =
  <K extends EntityKind>(kind: K) =>
  (e: CatalogEntity): e is EntityOf<K> =>
    e.kind === kind;

/** The catalog (catalog.json): the contract every consumer reads through readContract('catalog'). */
export interface Catalog {
  readonly apiVersion: typeof CATALOG_API_VERSION;
  readonly kind: 'Catalog';
  /** @minLength 1 */
  readonly organisation?: string;
  readonly sources: Array<{ stack: string; files: string[] }>;
  readonly summary: CatalogSummary;
  readonly entities: CatalogEntity[];
  /** What the catalog could not look into (module calls without a plan), said instead of silence. */
  readonly notAnalysed?: Array<{ stack: string; address: string; reason: string }>;
}

/**
 * @multipleOf 1
 * @minimum 0
 */
type Count = number;

export interface CatalogSummary {
  readonly teams: Count;
  readonly systems: Count;
  readonly services: Count;
  readonly environments: Count;
  readonly resources: Count;
  readonly terraformResources: Count;
  readonly unownedTerraformResources: Count;
}

/** An entity id from any name (a hand-written tag value such as `Payments Team` included): always valid, the same for the same name. */
export const entityId = (kind: EntityKind, name: string) => `${kind}:${entityName(name)}`;
