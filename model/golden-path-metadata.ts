/**
 * The small metadata document golden paths leave in each synthesized stack, under the top-level
 * `"//"` key of cdk.tf.json (Terraform ignores it as a comment). It carries what tags cannot:
 * descriptions, lifecycle, links. The catalog works without it, from tags alone.
 */
import { GroundworkError } from './errors';
import type { TagKeySettings } from './organisation-settings';
import metadataSchema from './schema/golden-path-metadata.schema.json';
import { compile, schemaProblems } from './schema-validator';

export const METADATA_KEY = 'groundwork';
export const METADATA_VERSION = 1;
/** goldenPath of the platform's own shared infrastructure (networks, alert topics). */
export const PLATFORM_GOLDEN_PATH = 'platform';

/**
 * A link people follow from the catalog: https or http only, never another scheme, in the
 * characters a URI allows. The @pattern of ServiceLinks below repeats it for the generated
 * schema; a test holds the two equal.
 */
export const WEB_LINK = /^https?:\/\/[A-Za-z0-9._~:/?#[\]@!$&'()*+,;=%-]+$/;

export interface ServiceLinks {
  /** @pattern ^https?:\/\/[A-Za-z0-9._~:/?#[\]@!$&'()*+,;=%-]+$ */
  readonly runbook?: string;
  /** @pattern ^https?:\/\/[A-Za-z0-9._~:/?#[\]@!$&'()*+,;=%-]+$ */
  readonly docs?: string;
  /** @pattern ^https?:\/\/[A-Za-z0-9._~:/?#[\]@!$&'()*+,;=%-]+$ */
  readonly dashboard?: string;
  /** Architecture decision records (the repository's docs/adr). */
  readonly adrs?: string;
  /** The platform's operations workflow (restart, roll back, scale). */
  readonly actions?: string;
}

/** How an exposed service is reached in one environment and what it promises there. */
export interface ServiceEndpoint {
  /** https://<hostname> */
  readonly url: string;
  readonly exposure: 'internal' | 'public';
  /** Service level objectives, alarmed as burn rates. */
  readonly slo?: { readonly availability?: number; readonly latency?: { readonly thresholdMs: number; readonly percent: number } };
}

export interface EnvironmentObservability extends Partial<ServiceEndpoint> {
  readonly dashboard: string;
  readonly alarms: string;
  readonly logs: string;
  /** Names of the alarms that notify the team. */
  readonly alarmNames?: readonly string[];
}

export interface ServiceMetadata {
  /** The golden path that made it, e.g. http-service. */
  readonly goldenPath: string;
  readonly name: string;
  readonly owner: string;
  readonly costCenter: string;
  readonly description: string;
  readonly system?: string;
  readonly lifecycle: string;
  readonly tier: number;
  readonly links: ServiceLinks;
  readonly environments: readonly string[];
  /** Services it calls (Backstage dependsOn). */
  readonly calls?: readonly string[];
  readonly repositoryUrl?: string;
  /** Console links of the built-in observability, per environment, with the alarms' names and, where the service is exposed beyond the cluster, how it is reached. */
  readonly observability?: Readonly<Record<string, EnvironmentObservability>>;
  /** Organisation-defined ownership keys, e.g. data-classification. */
  readonly tags: Readonly<Record<string, string>>;
  /** Backstage's backstage.io/techdocs-ref, where the repository's mkdocs.yml is. */
  readonly techdocsRef?: string;
  /** Day-2 operations the platform offers for it (operations workflow and npm run ops). */
  readonly operations?: readonly ('restart' | 'rollback' | 'scale')[];
}

export interface OrganisationMetadata {
  readonly name: string;
  readonly githubOwner: string;
  /** The platform's own repository in githubOwner (the operations workflow, the issue forms). */
  readonly platformRepository?: string;
  readonly platformTeam: string;
  readonly requiredKeys: readonly string[];
  readonly teams: Readonly<Record<string, { displayName: string; description?: string; email?: string; slackChannel?: string; costCenters: readonly string[] }>>;
  readonly environments: Readonly<Record<string, { region: string; production: boolean; accountId?: string }>>;
  /** Organisation-defined ownership keys and their rules, so readers validate tags as synth did. */
  readonly tagKeys: Readonly<Record<string, TagKeySettings>>;
  /** Cost estimate options from the settings (free tiers per account). */
  readonly cost?: { readonly freeTiers: boolean };
  /** Tag keys the analysis reads as ownership keys (alias -> key), when the settings give them. */
  readonly tagAliases?: Readonly<Record<string, string>>;
  /** The embedding models the settings allow, for the guardrail that checks knowledge bases. */
  readonly ai?: { readonly embeddingModels: readonly string[] };
}

export interface StackMetadata {
  readonly version: number;
  readonly organisation?: OrganisationMetadata;
  readonly services?: Readonly<Record<string, ServiceMetadata>>;
  /** Guardrail suppressions declared on constructs (suppress()). */
  readonly suppressions?: ReadonlyArray<{ path: string; rule: string; reason: string }>;
}

let validateMetadata: ReturnType<typeof compile<StackMetadata>> | undefined;

/**
 * The metadata document checked against its schema (generated from StackMetadata): where
 * constructs write it and where the analysis reads it, so neither side trusts the other's shape.
 * @param where the stack or file, named in the error
 */
export function checkStackMetadata(document: unknown, where: string): StackMetadata {
  validateMetadata ??= compile<StackMetadata>(metadataSchema);
  if (!validateMetadata(document)) throw new GroundworkError(`The golden-path metadata of ${where} ("//".${METADATA_KEY}) is invalid:`, schemaProblems(validateMetadata).slice(0, 10));
  return document;
}
