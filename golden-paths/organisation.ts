import { GithubProvider } from '@cdktf/provider-github/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, Aspects, LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import { GroundworkError } from '../model/errors';
import { EnvironmentSettings, OrganisationSettings, platformRepositoryOf, platformTeam, validateOrganisation } from '../model/organisation-settings';
import { OrganisationMetadata, PLATFORM_GOLDEN_PATH, ServiceMetadata } from '../model/golden-path-metadata';
import { OwnershipValidator, requiredKeys } from '../model/ownership-record';
import { AlertTopic } from '../constructs/alert-topic';
import { RequireAwsOwnership } from '../constructs/aws-ownership-tags';
import { recordOrganisation, recordService } from '../constructs/metadata-writer';
import { Environment } from '../constructs/environment';
import { GithubTeam } from '../constructs/github-team';
import { RequireKubernetesOwnership } from '../constructs/kubernetes-ownership-labels';
import { Ownership } from '../constructs/ownership';
import { StateBucket } from '../constructs/state-bucket';
import { ModelInvocationLogging } from '../constructs/model-invocation-logging';
import { PipelineAccess } from '../constructs/pipeline-access';
import { DeploymentEnvironment } from '../constructs/deployment-environment';
import { DEPLOY_BRANCH, eksCluster } from '../model/pipeline-roles';
import { compareText } from '../model/stable-json';
import { FrontDoors, sharedLoadBalancerService } from './front-doors';
import { ServiceCalls } from './service-calls';

/** The stacks of one environment: AWS resources and Kubernetes workloads never share a stack. */
export interface EnvironmentStacks {
  readonly name: string;
  readonly settings: EnvironmentSettings;
  readonly aws: TerraformStack;
  readonly kubernetes: TerraformStack;
  /** The environment's provider and network, in the AWS stack. */
  readonly network: Environment;
}

/** Service name of the shared network in the ownership tags. */
export const NETWORK_SERVICE = 'network';
/** Service name of the pipeline's identity provider and roles in the bootstrap stack. */
export const PIPELINE_SERVICE = 'pipeline';
/** Service name of the state buckets (S3 backend) in the bootstrap stack. */
export const STATE_SERVICE = 'terraform-state';
/** Service name of each environment's Bedrock model invocation logging. */
export const INVOCATION_LOGGING_SERVICE = 'model-invocation-logging';

/**
 * State next to the project, at a path relative to the stack's working directory
 * (cdktf.out/stacks/<stack>), so the synthesized JSON is the same on every machine.
 */
function localState(stack: TerraformStack, name: string): void {
  new LocalBackend(stack, { path: `../../../terraform.${name}.tfstate` });
}

/** The environment whose state bucket holds the github stack's state. */
function githubStateEnvironment(settings: OrganisationSettings): string {
  const names = Object.keys(settings.environments).sort();
  return settings.state?.githubEnvironment ?? names.find((n) => settings.environments[n].production) ?? names[0];
}

/** Every state key starts with it: `<prefix>/<stack>.tfstate`, and the lock `<prefix>/<stack>.tfstate.tflock`. */
function stateKeyPrefix(settings: OrganisationSettings): string {
  return settings.state?.keyPrefix ?? 'groundwork';
}

/**
 * The stack's backend, as the settings choose: local state (the default), or the stack's own key
 * in its environment's S3 bucket with S3-native locking (use_lockfile, no DynamoDB table).
 * cdktf's cross-stack references read the producing stack's backend, so they keep working.
 */
function stateBackend(stack: TerraformStack, settings: OrganisationSettings, environment: string): void {
  if (settings.state?.backend !== 's3') return localState(stack, stack.node.id);
  const env = settings.environments[environment];
  const region = env.state!.region ?? env.region;
  new S3Backend(stack, { bucket: env.state!.bucket, key: `${stateKeyPrefix(settings)}/${stack.node.id}.tfstate`, region, encrypt: true });
  // cdktf 0.21's S3Backend predates use_lockfile (Terraform 1.10+): set it on the backend block.
  stack.addOverride('terraform.backend.s3.use_lockfile', true);
}

/**
 * The organisation's stacks: one GitHub stack for repositories and teams, and per environment an
 * AWS-only stack (so it can be validated and planned with only the AWS provider) and a Kubernetes
 * stack. Golden paths place their parts in these stacks.
 */
export class Organisation {
  readonly settings: OrganisationSettings;
  readonly validator: OwnershipValidator;
  readonly github: TerraformStack;
  readonly teams: Readonly<Record<string, GithubTeam>>;
  readonly environments: Readonly<Record<string, EnvironmentStacks>>;
  /**
   * What an administrator applies once, with local state, before any pipeline runs: per
   * environment the state bucket (S3 backend) and the pipeline's OIDC provider and roles.
   */
  readonly bootstrap: TerraformStack;
  /** Hostnames and shared load balancers per environment. */
  readonly frontDoors = new FrontDoors(this);
  /** Calls between services, allowed at both ends. */
  readonly calls = new ServiceCalls();

  /**
   * @param settings organisation settings, validated against model/schema/organisation.schema.json
   * @param source where the settings came from, named in errors
   */
  constructor(
    readonly app: App,
    settings: unknown,
    source = 'the organisation settings',
  ) {
    this.settings = validateOrganisation(settings, source);
    this.validator = new OwnershipValidator(this.settings);
    const required = requiredKeys(this.settings);

    this.github = new TerraformStack(app, 'github');
    stateBackend(this.github, this.settings, githubStateEnvironment(this.settings));
    new GithubProvider(this.github, 'github', { owner: this.settings.githubOwner });
    this.teams = Object.fromEntries(
      Object.entries(this.settings.teams)
        .sort(([a], [b]) => compareText(a, b))
        .map(([name, team]) => [name, new GithubTeam(this.github, `team-${name}`, { name, settings: team })]),
    );

    const platform = platformTeam(this.settings);
    const environments: Record<string, EnvironmentStacks> = {};
    for (const name of Object.keys(this.settings.environments).sort()) {
      const settings = this.settings.environments[name];
      const aws = new TerraformStack(app, `${name}-aws`);
      stateBackend(aws, this.settings, name);
      const ownership = Ownership.resolve(this.validator, `${name}-aws/network`, { owner: platform, service: NETWORK_SERVICE }, name);
      const network = new Environment(aws, 'network', { name, organisation: this.settings, ownership });
      Aspects.of(aws).add(new RequireAwsOwnership(required, network.defaultTags));

      const kubernetes = new TerraformStack(app, `${name}-kubernetes`);
      // Its workloads read the AWS stack's outputs (roles, buckets, queues): deployed after it, and synthesized beside it.
      kubernetes.addDependency(aws);
      stateBackend(kubernetes, this.settings, name);
      new KubernetesProvider(kubernetes, 'kubernetes', { configPath: '~/.kube/config', configContext: eksCluster(name, settings).context });
      Aspects.of(kubernetes).add(new RequireKubernetesOwnership(['app.kubernetes.io/name', 'app.kubernetes.io/part-of', 'app.kubernetes.io/managed-by', ...required]));
      environments[name] = { name, settings, aws, kubernetes, network };
    }
    this.environments = environments;
    // The shared load balancers' platform services: no team's service may take their names.
    for (const scheme of [...new Set(Object.values(this.settings.environments).flatMap((e) => e.dns?.sharedLoadBalancers ?? []))].sort()) this.claimServiceName(sharedLoadBalancerService(scheme), 'shared load balancer of the platform');
    this.invocationLogs = this.modelInvocationLogging(platform);
    this.bootstrap = this.bootstrapStack(app, platform);
    this.deploymentEnvironments(platform);

    // A call to a service no one defines is known only once every service is built: at synth.
    app.node.addValidation({
      validate: () => {
        const problems = this.calls.problems();
        // Thrown, not returned: cdktf would wrap returned problems in a paragraph of its own.
        if (problems.length) throw new GroundworkError(problems.length === 1 ? problems[0] : 'Services call services that do not exist:', problems.length === 1 ? [] : problems);
        return [];
      },
    });
    const metadata = this.metadata();
    for (const stack of this.stacks()) recordOrganisation(stack, metadata);
    const environmentNames = Object.keys(environments).sort();
    this.recordPlatformService(NETWORK_SERVICE, platform, 'The VPC, subnets and NAT gateways of each environment', environmentNames, environmentNames.map((e) => environments[e].aws));
  }

  /** Per environment, where the settings turn it on: Bedrock model invocation logging (one per account and region). */
  private modelInvocationLogging(platform: string): Readonly<Record<string, ModelInvocationLogging>> {
    if (!this.settings.ai?.invocationLogging) return {};
    const names = Object.keys(this.environments).sort();
    const logs = Object.fromEntries(names.map((name) => {
      const stacks = this.environments[name];
      const ownership = Ownership.resolve(this.validator, `${name}-aws/${INVOCATION_LOGGING_SERVICE}`, { owner: platform, service: INVOCATION_LOGGING_SERVICE }, name);
      return [name, new ModelInvocationLogging(stacks.aws, INVOCATION_LOGGING_SERVICE, { environment: stacks.network, ownership, organisationName: this.settings.name })];
    }));
    this.recordPlatformService(INVOCATION_LOGGING_SERVICE, platform, 'Bedrock model invocation logging of each environment, to an encrypted platform log group', names, names.map((n) => this.environments[n].aws));
    return logs;
  }

  private readonly invocationLogs: Readonly<Record<string, ModelInvocationLogging>>;

  /** The environment's model invocation logging, which AI golden paths require; a clear error where the settings leave it off. */
  invocationLogging(environment: string, where: string): ModelInvocationLogging {
    const logging = this.invocationLogs[environment];
    if (!logging) throw new GroundworkError(`${where}: environment "${environment}" has no Bedrock model invocation logging, which AI services require; set ai.invocationLogging to true in the organisation settings.`);
    return logging;
  }

  /**
   * The `bootstrap` stack, on local state whatever the backend (it creates the buckets): per
   * environment, in its account and region, the StateBucket (S3 backend) and PipelineAccess.
   */
  private bootstrapStack(app: App, platform: string): TerraformStack {
    const stack = new TerraformStack(app, 'bootstrap');
    localState(stack, 'bootstrap');
    const s3 = this.settings.state?.backend === 's3';
    for (const name of Object.keys(this.settings.environments).sort()) {
      const env = this.settings.environments[name];
      const defaultTags = Ownership.environmentTags(this.settings, name);
      const stateRegion = env.state?.region ?? env.region;
      // The state bucket's region when there is one (as before); the roles are global either way.
      const provider = new AwsProvider(stack, `aws-${name}`, {
        alias: name,
        region: s3 ? stateRegion : env.region,
        allowedAccountIds: env.accountId ? [env.accountId] : undefined,
        defaultTags: [{ tags: { ...defaultTags } }],
      });
      if (s3) {
        const ownership = Ownership.resolve(this.validator, `bootstrap/state-${name}`, { owner: platform, service: STATE_SERVICE }, name);
        new StateBucket(stack, `state-${name}`, { bucketName: env.state!.bucket, provider, ownership, defaultTags });
      }
      const state = s3 ? { bucket: env.state!.bucket, region: stateRegion, keyPrefix: stateKeyPrefix(this.settings) } : undefined;
      const ownership = Ownership.resolve(this.validator, `bootstrap/pipeline-${name}`, { owner: platform, service: PIPELINE_SERVICE }, name);
      new PipelineAccess(stack, `pipeline-${name}`, { settings: this.settings, environment: name, provider, ownership, defaultTags, state });
    }
    this.recordPlatformService(PIPELINE_SERVICE, platform, 'The pipeline\'s GitHub OIDC provider and its plan, drift and deploy roles in each environment', Object.keys(this.settings.environments).sort(), [stack]);
    // The state buckets are the platform's too: catalogued as its resources, not as a service.
    if (s3) this.recordPlatformService(STATE_SERVICE, platform, 'The Terraform state bucket of each environment (S3 backend)', Object.keys(this.settings.environments).sort(), [stack]);
    return stack;
  }

  /**
   * When the settings name the platform's repository: its GitHub environments, each deployable
   * from the protected branch only, production behind the platform team's review.
   */
  private deploymentEnvironments(platform: string): void {
    const repository = this.settings.platformRepository;
    if (!repository) return;
    for (const name of Object.keys(this.settings.environments).sort()) {
      const production = this.settings.environments[name].production === true;
      new DeploymentEnvironment(this.github, `deployment-environment-${name}`, { repository, environment: name, branch: DEPLOY_BRANCH, reviewers: production ? this.teams[platform] : undefined });
    }
  }

  /** Every stack of the organisation, in a stable order. */
  stacks(): TerraformStack[] {
    return [this.github, ...Object.values(this.environments).flatMap((e) => [e.aws, e.kubernetes]), this.bootstrap];
  }

  private metadata(): OrganisationMetadata {
    const s = this.settings;
    return {
      name: s.name,
      githubOwner: s.githubOwner,
      platformRepository: platformRepositoryOf(s),
      platformTeam: platformTeam(s),
      requiredKeys: requiredKeys(s),
      teams: Object.fromEntries(Object.entries(s.teams).map(([name, t]) => [name, { ...t, costCenters: [...t.costCenters] }])),
      environments: Object.fromEntries(
        Object.entries(s.environments).map(([name, e]) => [name, { region: e.region, production: e.production === true, ...(e.accountId ? { accountId: e.accountId } : {}) }]),
      ),
      tagKeys: { ...(s.tagKeys ?? {}) },
      cost: { freeTiers: s.cost?.freeTiers ?? true },
      ...(s.tagAliases ? { tagAliases: { ...s.tagAliases } } : {}),
      ...(s.ai ? { ai: { embeddingModels: [...s.ai.embeddingModels] } } : {}),
    };
  }

  /** The stacks of one environment, or a clear error naming the allowed ones. */
  private readonly serviceNames = new Map<string, string>();

  /** Claims a service name for a golden path; a second service of the same name is an error naming both. */
  claimServiceName(name: string, goldenPath: string): void {
    const first = this.serviceNames.get(name);
    if (first) throw new GroundworkError(`Service "${name}" (${goldenPath}) is defined twice: a ${first} of that name exists already; service names are unique in the organisation.`);
    this.serviceNames.set(name, goldenPath);
  }

  environment(name: string, where: string): EnvironmentStacks {
    const env = this.environments[name];
    if (!env) throw new GroundworkError(`${where}: environment "${name}" is not one of ${Object.keys(this.environments).join(', ')}.`);
    return env;
  }

  private readonly alertTopics = new Map<string, AlertTopic>();

  /** The team's alert topic in an environment, created with the first service that needs it. */
  alertTopic(team: string, environment: string): AlertTopic {
    const key = `${environment}/${team}`;
    let topic = this.alertTopics.get(key);
    if (!topic) {
      const stacks = this.environment(environment, `Alerts of team "${team}"`);
      const ownership = Ownership.resolve(this.validator, `${stacks.aws.node.id}/alerts-${team}`, { owner: team, service: `${team}-alerts` }, environment);
      topic = new AlertTopic(stacks.aws, `alerts-${team}`, { environment: stacks.network, ownership, organisationName: this.settings.name });
      this.alertTopics.set(key, topic);
      const environments = [...this.alertTopics.keys()].filter((k) => k.endsWith(`/${team}`)).map((k) => k.split('/')[0]);
      this.recordPlatformService(`${team}-alerts`, team, `Alarm notifications of team ${team}`, environments, [stacks.aws]);
    }
    return topic;
  }

  /** Catalog metadata of shared infrastructure the platform creates (networks, alert topics). */
  recordPlatformService(name: string, owner: string, description: string, environments: string[], stacks: TerraformStack[]): void {
    const costCenter = this.settings.teams[owner].costCenters[0];
    const metadata: ServiceMetadata = { goldenPath: PLATFORM_GOLDEN_PATH, name, owner, costCenter, description, lifecycle: 'production', tier: 1, links: {}, environments: [...environments].sort(), tags: {} };
    for (const stack of stacks) recordService(stack, metadata);
  }

  /** The GitHub team of an owner (validated by ownership first). */
  team(owner: string): GithubTeam {
    return this.teams[owner];
  }

  get containerRegistry(): string {
    return this.settings.containerRegistry ?? `ghcr.io/${this.settings.githubOwner}`;
  }
}
