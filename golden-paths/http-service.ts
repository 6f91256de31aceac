import { CALLS_OPTION, CONTAINER_OPTIONS, CONTAINER_PATH_DEFAULTS, GoldenPathDefinition, REPLICA_OPTIONS, storeOptions, withDefaults } from './golden-path-definition';
import type { Organisation } from './organisation';
import { CallerProps, ContainerProps, GoldenPathProps, GoldenPathService } from './service-base';
import { DatabaseOptions, DataStoreProps, ServiceFoundation } from './service-foundation';
import { Workload } from '../constructs/workload';
import { GroundworkError } from '../model/errors';
import { CURRENT_TLS_POLICY, DEFAULT_TLS_POLICY } from '../model/tls-policies';
import { LITERAL_RULES } from '../constructs/literal-rules';
import { ServiceLoadBalancer } from '../constructs/load-balancer';
import { LoadBalancerAlarms } from '../constructs/load-balancer-alarms';
import { checkServiceLevelObjectives, ServiceLevelObjectives, SloAlarms } from '../constructs/slo-alarms';
import type { EnvironmentStacks } from './organisation';
import type { CallEnd } from '../constructs/service-call-rules';
import type { FrontDoor } from '../constructs/front-door';
import { LoadBalancerRoute } from '../constructs/load-balancer-route';
import { sharedLoadBalancerProblem } from './front-doors';

export type { DatabaseOptions } from './service-foundation';
export type { Lifecycle } from './service-base';
export type { ServiceLevelObjectives } from '../constructs/slo-alarms';

/** Who can reach the service: other pods of the cluster only, the VPC (internal load balancer) or the internet (public load balancer with WAF). */
export type Exposure = 'cluster' | 'internal' | 'public';
export const EXPOSURES: readonly Exposure[] = ['cluster', 'internal', 'public'];
/** A name relative to a hosted zone: one or more DNS labels, e.g. shop or api.shop. */
/** Path prefixes per service: one listener rule each, well within a listener's 100 rules. */
const MAX_PATHS = 20;
const RELATIVE_HOSTNAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** The http-service defaults, stated once: the class applies them, its options show them. */
export const HTTP_SERVICE_DEFAULTS = { port: 8080, expose: 'cluster', tlsPolicy: DEFAULT_TLS_POLICY } as const satisfies Partial<HttpServiceProps>;

export interface HttpServiceProps extends GoldenPathProps, ContainerProps, DataStoreProps, CallerProps {
  /** Minimum replicas. @default 2 in production, 1 elsewhere */
  readonly replicas?: number;
  /** Minimum replicas per environment, over `replicas` (`npm run ops -- scale` writes it). @default replicas */
  readonly replicasIn?: Readonly<Record<string, number>>;
  /** @default 3 × replicas */
  readonly maxReplicas?: number;
  /** @default {@link HTTP_SERVICE_DEFAULTS}.port */
  readonly port?: number;
  /** A PostgreSQL database per environment. @default none */
  readonly database?: boolean | DatabaseOptions;
  /** An SQS queue (with dead-letter queue) per environment. @default none */
  readonly queue?: boolean;
  /** A private S3 bucket per environment. @default none */
  readonly bucket?: boolean;
  /**
   * Who can reach it: 'cluster' (a ClusterIP Service), 'internal' (an internal ALB in the private
   * subnets) or 'public' (an internet-facing ALB with WAF). Needs `dns` in each environment's settings.
   * @default {@link HTTP_SERVICE_DEFAULTS}.expose
   */
  readonly expose?: Exposure;
  /** Name under each environment's zone: 'shop' answers at shop.<domain>. @default the service name */
  readonly hostname?: string;
  /** Path prefixes routed to the service (`/api` routes /api and /api/*); others get 404. @default every path */
  readonly paths?: readonly string[];
  /** TLS policy of the HTTPS listener (ELBSecurityPolicy-TLS13-1-2-* or -TLS13-1-3-*). @default {@link HTTP_SERVICE_DEFAULTS}.tlsPolicy */
  readonly tlsPolicy?: string;
  /** Service level objectives, alarmed as multi-window burn rates; need expose internal or public. @default none */
  readonly slo?: ServiceLevelObjectives;
}

/** What the service has in one environment. */
export interface ServiceEnvironment extends Pick<ServiceFoundation, 'role' | 'securityGroup' | 'database' | 'queue' | 'bucket' | 'observability'> {
  readonly name: string;
  readonly workload: Workload;
  /** The way in through a load balancer (its own, or the environment's shared one), when exposed beyond the cluster. */
  readonly loadBalancer?: FrontDoor;
}

/**
 * The golden path for an HTTP service. One call creates, in the organisation's stacks:
 * - github/<name>: the repository (protected default branch, CODEOWNERS, team access, topics);
 * - <env>-aws/<name>: the workload's IAM role (IRSA), its security group, the optional
 *   PostgreSQL database, queue and bucket, each granted to the role and nothing else, and its
 *   log group, alarms (to the team's topic) and dashboard;
 * - <env>-kubernetes/<name>: the workload, wired to those through cross-stack references.
 */
export class HttpService extends GoldenPathService {
  readonly environments: Readonly<Record<string, ServiceEnvironment>>;

  constructor(organisation: Organisation, name: string, readonly props: HttpServiceProps) {
    super(organisation, name, props, HTTP_SERVICE_PATH);
    const environments: Record<string, ServiceEnvironment> = {};
    const ends: Record<string, CallEnd> = {};
    for (const envName of this.environmentNames) {
      const stacks = organisation.environments[envName];
      const ownership = this.ownershipIn(envName);
      const aws = new ServiceFoundation(stacks.aws, name, { organisation, environment: stacks.network, ownership, existing: this.existingIn(props.existing, envName), database: props.database, queue: props.queue, bucket: props.bucket, port: props.port ?? HTTP_SERVICE_DEFAULTS.port, egress: props.egress ?? CONTAINER_PATH_DEFAULTS.egress });
      const loadBalancer = this.frontDoor(stacks, aws, props);
      const workload = new Workload(stacks.kubernetes, name, {
        ownership,
        production: stacks.network.isProduction,
        image: this.imageOf(props),
        partOf: props.system,
        component: 'api',
        replicas: this.replicasFor(props, envName),
        maxReplicas: props.maxReplicas,
        cpu: props.cpu,
        memory: props.memory,
        port: props.port ?? HTTP_SERVICE_DEFAULTS.port,
        roleArn: aws.role.roleArn,
        env: { ...aws.variables, ...this.callVariables(this.calls) },
        targetGroupArn: loadBalancer?.targetGroup.arn,
        securityGroupIds: [aws.securityGroup.id],
        // Exposed: the load balancer (in the VPC's subnets) connects in. Services that call it are let in by their own policies (calls).
        network: { egress: aws.podEgress, ingress: loadBalancer ? { from: 'vpc', cidr: stacks.network.settings.cidr, port: props.port ?? HTTP_SERVICE_DEFAULTS.port } : undefined },
      });
      this.uses(stacks.aws, envName, aws.observability);
      this.uses(stacks.kubernetes);
      ends[envName] = this.callEnd(aws, aws, workload);
      environments[envName] = { name: envName, role: aws.role, securityGroup: aws.securityGroup, database: aws.database, queue: aws.queue, bucket: aws.bucket, observability: aws.observability, workload, loadBalancer };
    }
    this.environments = environments;
    organisation.calls.register({ service: name, goldenPath: HTTP_SERVICE_PATH.name, environments: this.environmentNames, ends, port: props.port ?? 8080 }, this.calls);
    this.recordMetadata();
  }

  /** The load balancer, its alarms and SLO alarms in one environment, where the service is exposed beyond the cluster. */
  private frontDoor(stacks: EnvironmentStacks, aws: ServiceFoundation, props: HttpServiceProps): FrontDoor | undefined {
    const where = `Service "${this.name}"`;
    const expose = props.expose ?? HTTP_SERVICE_DEFAULTS.expose;
    const slo = props.slo === undefined ? undefined : checkServiceLevelObjectives(`${where}`, props.slo);
    if (expose === 'cluster') {
      const needsLoadBalancer = (['hostname', 'paths', 'tlsPolicy', 'slo'] as const).filter((p) => props[p] !== undefined);
      if (needsLoadBalancer.length) throw new GroundworkError(`${where}: prop ${needsLoadBalancer.join(', ')} needs a load balancer; set expose to 'internal' or 'public' (it is 'cluster').`);
      return undefined;
    }
    const dns = stacks.settings.dns;
    if (!dns) throw new GroundworkError(`${where}: expose '${expose}' needs a DNS zone in ${stacks.name}, but environments.${stacks.name}.dns is not in the organisation settings (give domain and publicZoneId).`);
    const hostname = `${props.hostname ?? this.name}.${dns.domain}`;
    if (!LITERAL_RULES.hostname.pattern.test(hostname)) throw new GroundworkError(`${where}: hostname "${hostname}" in ${stacks.name} is not ${LITERAL_RULES.hostname.rule} (at most 253 characters).`);
    this.organisation.frontDoors.claimHostname(stacks.name, hostname, this.name);
    const recordZoneId = expose === 'internal' ? dns.privateZoneId ?? dns.publicZoneId : dns.publicZoneId;
    const shared = this.organisation.frontDoors.sharedLoadBalancer(stacks, expose);
    const route = { hostname, recordZoneId, validationZoneId: dns.publicZoneId, targetPort: props.port ?? HTTP_SERVICE_DEFAULTS.port, serviceSecurityGroupId: aws.securityGroup.id, paths: props.paths };
    let loadBalancer: FrontDoor;
    if (shared) {
      const problem = sharedLoadBalancerProblem(this.name, stacks.name, expose, props);
      if (problem) throw new GroundworkError(problem);
      loadBalancer = new LoadBalancerRoute(aws, 'load-balancer', { loadBalancer: shared, service: this.name, ...route });
    } else {
      loadBalancer = new ServiceLoadBalancer(aws, 'load-balancer', { environment: stacks.network, ownership: this.ownershipIn(stacks.name), organisationName: this.organisation.settings.name, scheme: expose, ...route, tlsPolicy: props.tlsPolicy ?? HTTP_SERVICE_DEFAULTS.tlsPolicy });
    }
    const prefix = `${this.name}-${stacks.name}`;
    new LoadBalancerAlarms(aws, 'load-balancer-alarms', { observability: aws.observability, loadBalancer, prefix, p99ThresholdMs: slo?.latency?.thresholdMs });
    if (slo) new SloAlarms(aws, 'slo-alarms', { observability: aws.observability, loadBalancer, prefix, objectives: slo });
    this.exposed(stacks.name, { url: loadBalancer.url, exposure: expose, ...(slo ? { slo } : {}) });
    return loadBalancer;
  }
}

/** The http-service golden path as data: `npm run golden-paths`, `new-service` and props validation read it. */
export const HTTP_SERVICE_PATH: GoldenPathDefinition = {
  name: 'http-service',
  className: HttpService.name,
  summary: 'An HTTP API on Kubernetes: Deployment, Service, autoscaler, disruption budget, IAM role, optional database, queue and bucket, alarms and dashboard; optionally behind an internal or public ALB (HTTPS, DNS, WAF) with 5xx, latency and SLO burn-rate alarms.',
  defaults: { ...CONTAINER_PATH_DEFAULTS, ...HTTP_SERVICE_DEFAULTS },
  operations: ['restart', 'rollback', 'scale'],
  options: [
    ...CONTAINER_OPTIONS,
    ...REPLICA_OPTIONS,
    ...withDefaults(HTTP_SERVICE_DEFAULTS, [
      { flag: 'port', prop: 'port', type: 'integer', description: 'container port', min: 1, max: 65535 },
      { flag: 'expose', prop: 'expose', type: 'string', description: 'who can reach it: cluster (ClusterIP), internal (internal ALB) or public (internet-facing ALB with WAF)', choices: EXPOSURES },
      { flag: 'hostname', prop: 'hostname', type: 'string', description: "name under each environment's DNS zone (shop answers at shop.<domain>)", default: 'the service name', pattern: RELATIVE_HOSTNAME },
      { flag: 'paths', prop: 'paths', type: 'list', description: 'path prefixes routed to the service, such as /api', default: 'every path', pattern: LITERAL_RULES.httpPath.pattern, max: MAX_PATHS, propOnly: true },
      { flag: 'tls-policy', prop: 'tlsPolicy', type: 'string', description: 'TLS policy of the HTTPS listener (ELBSecurityPolicy-TLS13-1-2-* or -TLS13-1-3-*)', pattern: CURRENT_TLS_POLICY, propOnly: true },
    ]),
    CALLS_OPTION,
    ...storeOptions(true),
  ],
};
