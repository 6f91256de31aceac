import organisationSchema from './schema/organisation.schema.json';
import { awsPartitionOf } from './aws-console';
import { GroundworkError } from './errors';
import { compile, schemaProblems } from './schema-validator';

/** Settings of one environment (staging, production, ...). */
export interface EnvironmentSettings {
  /** Production environments get safe defaults without extra props. @default false */
  readonly production?: boolean;
  readonly region: string;
  /** Guards `cdktf deploy` against the wrong account. @default no guard */
  readonly accountId?: string;
  /** VPC CIDR block, /16 to /24. */
  readonly cidr: string;
  /** @default two zones outside production (`<region>a`, `<region>b`), three in production */
  readonly availabilityZones?: readonly string[];
  /** Where the environment's Kubernetes workloads run. */
  readonly kubernetes?: {
    /** kubeconfig context. @default the environment name */
    readonly configContext?: string;
    /** An external metrics adapter serves SQS metrics: workers scale on queue depth. @default false */
    readonly externalMetrics?: boolean;
    /** EKS OIDC issuer (without https://), trusted by workload IAM roles (IRSA). */
    readonly oidcIssuer: string;
  };
  /** Route 53 hosted zones by ID, for services exposed beyond the cluster. @default none: such services cannot run here */
  readonly dns?: {
    /** The zone's domain; a service's hostname is `<hostname>.<domain>`. */
    readonly domain: string;
    /** Public zone: public records and every certificate's DNS validation records. */
    readonly publicZoneId: string;
    /** Private zone for internal records. @default internal records go in the public zone */
    readonly privateZoneId?: string;
    /** Exposures whose services share one load balancer here (host-based rules; the platform owns it). @default none: each exposed service has its own */
    readonly sharedLoadBalancers?: ReadonlyArray<'internal' | 'public'>;
  };
  /** The environment's Terraform state bucket, for the S3 backend. */
  readonly state?: { readonly bucket: string; /** @default the environment's region */ readonly region?: string };
}

export interface TeamSettings {
  readonly displayName: string;
  readonly description?: string;
  readonly email?: string;
  readonly slackChannel?: string;
  /** Cost centers the team may charge. The first is the team's default. */
  readonly costCenters: readonly string[];
}

/** An organisation-defined ownership key, e.g. data-classification. */
export interface TagKeySettings {
  readonly description: string;
  /** @default false */
  readonly required?: boolean;
  readonly allowed?: readonly string[];
  readonly pattern?: string;
  /** Used when a service does not set the key. */
  readonly default?: string;
}

/** AI services: allowed embedding models, invocation logging, the guardrail of knowledge bases. */
export interface AiSettings {
  /** Bedrock embedding model IDs teams may choose; the first is the default. */
  readonly embeddingModels: readonly string[];
  /** The platform turns on model invocation logging in every environment. @default false */
  readonly invocationLogging?: boolean;
  /** A guardrail per knowledge base, enforced on its consumers' model calls. @default none */
  readonly guardrail?: { /** @default 'HIGH' */ readonly filterStrength?: 'LOW' | 'MEDIUM' | 'HIGH' };
}

export interface OrganisationSettings {
  readonly name: string;
  readonly githubOwner: string;
  /** @default ghcr.io/<githubOwner> */
  readonly containerRegistry?: string;
  /** @default the first team */
  readonly platformTeam?: string;
  /** The platform's own repository in githubOwner, where the operations workflow runs. @default 'groundwork' */
  readonly platformRepository?: string;
  readonly environments: Readonly<Record<string, EnvironmentSettings>>;
  readonly teams: Readonly<Record<string, TeamSettings>>;
  readonly tagKeys?: Readonly<Record<string, TagKeySettings>>;
  /** Cost estimate options. */
  readonly cost?: { readonly freeTiers?: boolean };
  /** Terraform state: local files, or S3 with S3-native locking. @default { backend: 'local' } */
  readonly state?: { readonly backend: 'local' | 's3'; /** @default 'groundwork' */ readonly keyPrefix?: string; /** @default the first production environment */ readonly githubEnvironment?: string };
  /** Tag keys read as ownership keys in Terraform written by hand (alias -> key, e.g. Team -> owner). @default model/tag-aliases.ts DEFAULT_TAG_ALIASES */
  readonly tagAliases?: Readonly<Record<string, string>>;
  /** AI services (knowledge bases, fine-tuning jobs). @default none: AI golden paths cannot be used */
  readonly ai?: AiSettings;
}

const validateSettings = compile<OrganisationSettings>(organisationSchema);

/**
 * Checks organisation settings against the schema and the rules a schema cannot say
 * (cross-references). Throws one GroundworkError listing every problem.
 */
/** Where the organisation's settings live in the repository (relative to its root): synth, new-service, ops and the issue forms read this file. */
export const ORGANISATION_SETTINGS_FILE = 'stacks/organisation.json';

export function validateOrganisation(settings: unknown, source: string): OrganisationSettings {
  const problems: string[] = [];
  if (!validateSettings(settings)) {
    problems.push(...schemaProblems(validateSettings));
  } else {
    const s = settings;
    for (const [name, env] of Object.entries(s.environments)) {
      for (const [field, region] of [['region', env.region], ['state.region', env.state?.region]] as const) {
        if (region !== undefined && !awsPartitionOf(region)) problems.push(`environments.${name}.${field} "${region}" is not an AWS region listed in model/aws-partitions.json (partitions aws, aws-cn, aws-us-gov)`);
      }
    }
    if (s.platformTeam !== undefined && !s.teams[s.platformTeam]) {
      problems.push(`platformTeam "${s.platformTeam}" is not one of the teams (${Object.keys(s.teams).join(', ')})`);
    }
    if (s.state?.backend === 's3') {
      for (const [name, env] of Object.entries(s.environments)) if (!env.state) problems.push(`environments.${name}.state.bucket is required: state.backend is "s3"`);
      if (s.state.githubEnvironment !== undefined && !s.environments[s.state.githubEnvironment]) {
        problems.push(`state.githubEnvironment "${s.state.githubEnvironment}" is not one of the environments (${Object.keys(s.environments).join(', ')})`);
      }
    }
    for (const [key, spec] of Object.entries(s.tagKeys ?? {})) {
      if (spec.pattern !== undefined) {
        try {
          new RegExp(spec.pattern, 'u');
        } catch {
          problems.push(`tagKeys.${key}.pattern "${spec.pattern}" is not a valid regular expression`);
        }
      }
      if (spec.default !== undefined && spec.allowed && !spec.allowed.includes(spec.default)) {
        problems.push(`tagKeys.${key}.default "${spec.default}" is not one of its allowed values (${spec.allowed.join(', ')})`);
      }
    }
  }
  if (problems.length) {
    throw new GroundworkError(`The organisation settings in ${source} are invalid:`, problems);
  }
  return settings as OrganisationSettings;
}

export const platformRepositoryOf = (settings: OrganisationSettings): string => settings.platformRepository ?? 'groundwork';

/** The operations workflow (restart, roll back, scale) in the platform's repository. */
export function operationsWorkflowUrl(settings: OrganisationSettings): string {
  return `https://github.com/${settings.githubOwner}/${platformRepositoryOf(settings)}/actions/workflows/operations.yml`;
}

/** The issue forms' files in the platform repository's .github/ISSUE_TEMPLATE. */
export const ISSUE_FORM_FILES = { newService: 'new-service.yml', scale: 'scale.yml', addDataStore: 'add-data-store.yml' } as const;

/** A new issue from one of the platform repository's issue forms (`npm run issue-forms`), e.g. scale.yml. */
export function issueFormUrl(githubOwner: string, platformRepository: string, form: string): string {
  return `https://github.com/${githubOwner}/${platformRepository}/issues/new?template=${form}`;
}

export function platformTeam(settings: OrganisationSettings): string {
  return settings.platformTeam ?? Object.keys(settings.teams).sort()[0];
}
