import { TerraformStack } from 'cdktf';
import { GroundworkError } from '../model/errors';
import { operationsWorkflowUrl, platformTeam } from '../model/organisation-settings';
import type { ServiceEndpoint, ServiceMetadata } from '../model/golden-path-metadata';
import { recordService } from '../constructs/metadata-writer';
import { Ownership, OwnershipInput } from '../constructs/ownership';
import type { Egress } from '../constructs/service-egress';
import { Repository, Visibility } from '../constructs/repository';
import { ServiceDocs } from '../constructs/service-docs';
import { CALLS_OPTION, COMMON_DEFAULTS, CONTAINER_OPTIONS, CONTAINER_PATH_DEFAULTS, GoldenPathDefinition, operationsOf, serviceNameProblem } from './golden-path-definition';
import type { Organisation } from './organisation';
import type { Construct } from 'constructs';
import type { CallEnd } from '../constructs/service-call-rules';
import type { Workload } from '../constructs/workload';
import { callUrl, callVariable, ServiceCalls } from './service-calls';
import { checkGoldenPathProps } from './props-validation';

export type Lifecycle = 'experimental' | 'production' | 'deprecated';

/** What every golden path asks: who owns it, what it is, where it runs. */
export interface GoldenPathProps {
  /** Owning team, one of the organisation's teams. */
  readonly owner: string;
  /** @default the team's first cost center */
  readonly costCenter?: string;
  /** One line on what the service does. */
  readonly description: string;
  /** Organisation-defined ownership keys, e.g. data-classification. @default the keys' defaults */
  readonly tags?: Readonly<Record<string, string>>;
  /** Environments the service runs in. @default every environment of the organisation */
  readonly environments?: readonly string[];
  /** Backstage system the service belongs to. @default none */
  readonly system?: string;
  /** @default {@link COMMON_DEFAULTS}.lifecycle */
  readonly lifecycle?: Lifecycle;
  /** Criticality, 1 (highest) to 3. @default {@link COMMON_DEFAULTS}.tier */
  readonly tier?: 1 | 2 | 3;
  /** @default none */
  readonly links?: { readonly runbook?: string; readonly docs?: string; readonly dashboard?: string };
  /** Repository visibility. @default {@link COMMON_DEFAULTS}.visibility */
  readonly visibility?: Visibility;
}

/** The container of a workload golden path. */
export interface ContainerProps {
  /** Container image with an immutable tag. @default `<registry>/<name>:<version>` */
  readonly image?: string;
  /** Image tag when `image` is not given. @default {@link CONTAINER_PATH_DEFAULTS}.version */
  readonly version?: string;
  /** CPU request per pod; the limit is twice it. @default {@link CONTAINER_PATH_DEFAULTS}.cpu */
  readonly cpu?: string;
  /** Memory request and limit per pod. @default {@link CONTAINER_PATH_DEFAULTS}.memory */
  readonly memory?: string;
  /** Outbound beyond its data stores, AWS APIs (VPC endpoints) and DNS: 'internet' adds HTTPS anywhere. @default {@link CONTAINER_PATH_DEFAULTS}.egress */
  readonly egress?: Egress;
}

/** A workload that calls other services of the organisation (http-service, worker). */
export interface CallerProps {
  /**
   * Services of the organisation it calls (http-services in the same environments): allowed at
   * both ends (security groups, NetworkPolicies), each address in SERVICE_<NAME>_URL. @default none
   */
  readonly calls?: readonly string[];
}

/** What a service's observability offers the catalog and the runbook in one environment. */
export interface ObservabilityLinks {
  readonly dashboardUrl: string;
  readonly alarmsUrl: string;
  readonly logsUrl: string;
  readonly logGroupName: string;
  readonly alarmNames: readonly string[];
}

/** Validates a service name before it becomes a construct id anywhere. */
export function checkServiceName(name: string): void {
  const problem = serviceNameProblem(name);
  if (problem) throw new GroundworkError(`Service name "${name}" ${problem}.`);
}

/**
 * The part every golden path shares: validated ownership, the repository in the GitHub stack, the
 * list of environments, and the catalog metadata each stack carries.
 */
export abstract class GoldenPathService {
  readonly name: string;
  readonly ownership: Ownership;
  readonly repository: Repository;
  readonly environmentNames: readonly string[];
  protected readonly input: OwnershipInput;
  private readonly observability: Record<string, { dashboard: string; alarms: string; logs: string }> = {};
  /** How the service is reached per environment, where it is exposed beyond the cluster. */
  private readonly endpoints: Record<string, ServiceEndpoint> = {};
  /** What the runbook lists per environment. */
  private readonly watched: Record<string, ObservabilityLinks> = {};
  private readonly stacks = new Set<TerraformStack>();
  /** Services it calls (checked: names, not itself). */
  protected readonly calls: readonly string[];

  protected constructor(
    readonly organisation: Organisation,
    name: string,
    readonly base: GoldenPathProps,
    readonly definition: GoldenPathDefinition,
  ) {
    checkServiceName(name);
    organisation.claimServiceName(name, definition.name);
    checkGoldenPathProps(definition, name, base);
    const calls = (base as CallerProps).calls;
    if (calls !== undefined && !definition.options.includes(CALLS_OPTION)) throw new GroundworkError(`Service "${name}" (${definition.name}): prop calls is not an option of a ${definition.name}; only an http-service or a worker calls other services.`);
    this.calls = ServiceCalls.check(name, calls);
    this.name = name;
    this.input = { owner: base.owner, service: name, costCenter: base.costCenter, tags: base.tags };
    this.ownership = Ownership.resolve(organisation.validator, `github/${name}`, this.input);
    this.repository = new Repository(organisation.github, name, {
      ownership: this.ownership,
      team: organisation.team(base.owner),
      githubOwner: organisation.settings.githubOwner,
      description: base.description,
      visibility: base.visibility ?? COMMON_DEFAULTS.visibility,
      // Container golden paths get the platform's CI workflow (build, test, push the image).
      platformTeam: organisation.team(platformTeam(organisation.settings)),
      ci: !this.runsContainer ? undefined : { image: `${organisation.containerRegistry}/${name}` },
      dependabot: this.runsContainer ? ['docker', 'github-actions'] : ['github-actions'],
    });
    this.stacks.add(organisation.github);
    const all = Object.keys(organisation.environments).sort();
    this.environmentNames = [...(base.environments ?? all)].sort();
    if (!this.environmentNames.length) throw new GroundworkError(`Service "${name}": environments is empty; list at least one of ${all.join(', ')}.`);
    for (const env of this.environmentNames) organisation.environment(env, `Service "${name}"`);
  }

  /** Container golden paths get the platform's CI workflow and Dependabot on their Dockerfile. */
  private get runsContainer(): boolean {
    return this.definition.options.some((o) => CONTAINER_OPTIONS.includes(o));
  }

  /** Minimum replicas in one environment: the per-environment prop, else the service's. */
  protected replicasFor(props: { replicas?: number; replicasIn?: Readonly<Record<string, number>> }, environment: string): number | undefined {
    const unknown = Object.keys(props.replicasIn ?? {}).filter((e) => !this.environmentNames.includes(e));
    if (unknown.length) throw new GroundworkError(`Service "${this.name}": prop replicasIn names ${unknown.join(', ')}, where the service does not run (it runs in ${this.environmentNames.join(', ')}).`);
    return props.replicasIn?.[environment] ?? props.replicas;
  }

  /** The image to run: the given one, or the organisation's registry, the service name and the version. */
  protected imageOf(props: ContainerProps): string {
    return props.image ?? `${this.organisation.containerRegistry}/${this.name}:${props.version ?? CONTAINER_PATH_DEFAULTS.version}`;
  }

  /** The existing data stores given for one environment; naming an environment the service does not run in is an error. */
  protected existingIn<T>(existing: Readonly<Record<string, T>> | undefined, environment: string): T | undefined {
    const unknown = Object.keys(existing ?? {}).filter((e) => !this.environmentNames.includes(e));
    if (unknown.length) throw new GroundworkError(`Service "${this.name}": prop existing names ${unknown.join(', ')}, where the service does not run (it runs in ${this.environmentNames.join(', ')}).`);
    return existing?.[environment];
  }

  /** Ownership of the service in one environment, errors naming the stack it lands in. */
  protected ownershipIn(environment: string): Ownership {
    return Ownership.resolve(this.organisation.validator, `${environment}-aws/${this.name}`, this.input, environment);
  }

  /** Notes a stack the service has parts in, and its observability links, for the catalog metadata. */
  protected uses(stack: TerraformStack, environment?: string, links?: ObservabilityLinks): void {
    this.stacks.add(stack);
    if (environment && links) {
      this.observability[environment] = { dashboard: links.dashboardUrl, alarms: links.alarmsUrl, logs: links.logsUrl };
      this.watched[environment] = links;
    }
  }

  /** The service's end of calls between services in one environment. */
  protected callEnd(foundation: { readonly securityGroup: { readonly id: string } }, awsScope: Construct, workload: Workload): CallEnd {
    return { service: this.name, aws: awsScope, kubernetes: workload, securityGroupId: foundation.securityGroup.id, namespace: workload.namespace, podLabels: workload.podLabels, dependsOn: [workload.namespaceResource] };
  }

  /** Where the pods find the services they call: SERVICE_<NAME>_URL each. */
  protected callVariables(calls: readonly string[]): Record<string, string> {
    return Object.fromEntries(calls.map((c) => [callVariable(c), callUrl(c)]));
  }

  /** Records how the service is reached in one environment (its URL, exposure and objectives), for the catalog. */
  protected exposed(environment: string, endpoint: ServiceEndpoint): void {
    this.endpoints[environment] = endpoint;
  }

  /** The repository's docs skeleton, filled in from what the service has in each environment. */
  private addDocs(): ServiceDocs {
    const { settings } = this.organisation;
    const team = settings.teams[this.ownership.owner];
    const operations = operationsOf(this.definition);
    return new ServiceDocs(this.repository, 'docs', {
      repository: this.repository,
      service: this.name,
      description: this.base.description,
      goldenPath: this.definition.name,
      lifecycle: this.base.lifecycle ?? COMMON_DEFAULTS.lifecycle,
      tier: this.base.tier ?? COMMON_DEFAULTS.tier,
      repositoryUrl: this.repository.url,
      githubOwner: settings.githubOwner,
      team: { name: this.ownership.owner, displayName: team.displayName, email: team.email, slackChannel: team.slackChannel },
      environments: Object.entries(this.watched).sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, w]) => ({ name, production: Boolean(settings.environments[name].production), dashboardUrl: w.dashboardUrl, alarmsUrl: w.alarmsUrl, logsUrl: w.logsUrl, logGroupName: w.logGroupName, alarmNames: [...w.alarmNames] })),
      operationsUrl: operationsWorkflowUrl(settings),
      workload: operations.includes('scale') ? 'deployment' : operations.length ? 'cronjob' : 'none',
    });
  }

  /** Writes the service's catalog metadata into every stack it has parts in. Call once, last. */
  protected recordMetadata(): void {
    const metadata: ServiceMetadata = {
      goldenPath: this.definition.name,
      name: this.name,
      owner: this.ownership.owner,
      costCenter: this.ownership.costCenter,
      description: this.base.description,
      ...(this.base.system ? { system: this.base.system } : {}),
      lifecycle: this.base.lifecycle ?? COMMON_DEFAULTS.lifecycle,
      tier: this.base.tier ?? COMMON_DEFAULTS.tier,
      links: { ...this.base.links },
      environments: [...this.environmentNames],
      ...(this.calls.length ? { calls: [...this.calls].sort() } : {}),
      repositoryUrl: this.repository.url,
      observability: Object.fromEntries(Object.entries(this.observability).map(([env, o]) => [env, { ...o, alarmNames: [...this.watched[env].alarmNames], ...this.endpoints[env] }])),
      tags: this.ownership.awsTags(),
    };
    // The docs live in the repository, so what points at them is recorded with it, in the GitHub stack.
    const docs = this.addDocs();
    const operations = operationsOf(this.definition);
    const withRepository: ServiceMetadata = {
      ...metadata,
      links: { runbook: docs.runbookUrl, docs: docs.indexUrl, adrs: docs.adrsUrl, ...(operations.length ? { actions: operationsWorkflowUrl(this.organisation.settings) } : {}), ...this.base.links },
      techdocsRef: docs.techdocsRef,
      operations,
    };
    for (const stack of this.stacks) recordService(stack, stack === this.organisation.github ? withRepository : metadata);
  }
}
