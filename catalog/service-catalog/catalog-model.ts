/** The tool-neutral catalog: what exists, who owns it, what depends on what. */
import { entityName } from './entity-names';

export const CATALOG_API_VERSION = 'groundwork.dev/v1';

export type EntityKind = 'team' | 'system' | 'service' | 'environment' | 'resource';
export type RelationType = 'ownedBy' | 'ownerOf' | 'dependsOn' | 'dependencyOf' | 'partOf' | 'hasPart';

export interface EntityLink {
  readonly title: string;
  readonly url: string;
  /** runbook, docs, dashboard, repository, console, logs */
  readonly type: string;
}

/** An alarm that notifies the owning team, with its CloudWatch console page where the region is a listed one. */
export interface EntityAlarm {
  readonly name: string;
  readonly url?: string;
}

/** How a service is reached in one environment (where exposed beyond the cluster), what it promises there and what watches it. */
export interface ServiceEndpoint {
  readonly environment: string;
  /** https://<hostname>, only when the metadata's URL is exactly that with a valid DNS name. */
  readonly url?: string;
  readonly exposure: 'internal' | 'public';
  readonly slo?: { readonly availability?: number; readonly latency?: { readonly thresholdMs: number; readonly percent: number } };
  readonly alarms: EntityAlarm[];
}

export interface EntityRelation {
  readonly type: RelationType;
  /** Id of the other entity, `<kind>:<name>`. */
  readonly target: string;
}

/** Where an entity is implemented: the stack and the Terraform address of each resource. */
export interface TerraformAddress {
  readonly stack: string;
  readonly address: string;
  readonly constructPath?: string;
}

export interface CatalogEntity {
  readonly kind: EntityKind;
  /** `<kind>:<name>`, unique in the catalog. */
  readonly id: string;
  readonly name: string;
  title?: string;
  description?: string;
  /** Owning team. */
  owner?: string;
  /** Resources: database, queue, bucket, repository, workload, network, ... */
  type?: string;
  lifecycle?: string;
  tier?: number;
  system?: string;
  service?: string;
  environment?: string;
  costCenter?: string;
  region?: string;
  production?: boolean;
  email?: string;
  slackChannel?: string;
  repositoryUrl?: string;
  environments?: string[];
  services?: string[];
  costCenters?: string[];
  stacks?: string[];
  /** Services: the golden path that made it (http-service, worker, ...; platform for shared infrastructure). */
  goldenPath?: string;
  /** Services: Backstage's backstage.io/techdocs-ref (the repository holding mkdocs.yml). */
  techdocsRef?: string;
  /** Services: day-2 operations the platform offers (restart, rollback, scale), linked as `actions`. */
  operations?: string[];
  /** Services: per environment where it is exposed beyond the cluster, its URL, exposure, SLOs and alarms. */
  endpoints?: ServiceEndpoint[];
  /** golden-path: described by a golden path's metadata; tags: inferred from tags alone. */
  source: 'golden-path' | 'tags' | 'settings';
  tags: Record<string, string>;
  links: EntityLink[];
  relations: EntityRelation[];
  terraform: TerraformAddress[];
  /** Monthly cost, filled in by the cost step when it runs. */
  cost?: { monthlyUsd: number; notPriced: number };
  /** Actual spend of the latest billed month, when `npm run spend` has run. */
  spend?: { month: string; amount: number; currency: string };
  /** Scorecard and findings, filled in by the policy step when it runs. */
  scorecard?: { level: string; failing: string[] };
}

export interface Catalog {
  readonly apiVersion: typeof CATALOG_API_VERSION;
  readonly kind: 'Catalog';
  readonly organisation?: string;
  readonly sources: Array<{ stack: string; files: string[] }>;
  readonly summary: { teams: number; systems: number; services: number; environments: number; resources: number; terraformResources: number; unownedTerraformResources: number };
  readonly entities: CatalogEntity[];
  /** What the catalog could not look into (module calls without a plan), said instead of silence. */
  readonly notAnalysed?: Array<{ stack: string; address: string; reason: string }>;
}

/** An entity id from any name (a hand-written tag value such as `Payments Team` included): always valid, the same for the same name. */
export const entityId = (kind: EntityKind, name: string) => `${kind}:${entityName(name)}`;
