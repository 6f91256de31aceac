import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener, LbListenerDefaultAction } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { GroundworkError } from '../model/errors';
import { DEFAULT_TLS_POLICY, tlsPolicyProblem } from '../model/tls-policies';
import { Bucket } from './bucket';
import { elbLogDeliveryStatement } from './elb-log-delivery';
import type { Environment } from './environment';
import { checkRange } from './names';
import type { Ownership } from './ownership';
import { ManagedRulesWebAcl } from './web-acl';

/**
 * The parts of a front door, made in the scope they are given with fixed ids, so that a
 * service's own load balancer (constructs/load-balancer.ts) and the environment's shared one
 * (constructs/shared-load-balancer.ts) build them the same way and keep their Terraform addresses.
 */

/** Where a load balancer answers: inside the VPC (private subnets) or on the internet (public subnets). */
export type LoadBalancerScheme = 'internal' | 'public';

/** What a service brings to a load balancer, its own or a shared one. */
export interface RouteProps {
  /** The full DNS name it answers to, e.g. shop.acme.example. */
  readonly hostname: string;
  /** Hosted zone of the alias record. */
  readonly recordZoneId: string;
  /** Public hosted zone of the certificate's validation record. */
  readonly validationZoneId: string;
  /** Port the pods listen on (targets are pod IPs). */
  readonly targetPort: number;
  /** Security group of the service's pods: admits the load balancer on the target port. */
  readonly serviceSecurityGroupId: string;
  /** Path prefixes routed to the service (`/api` routes /api and /api/*); anything else gets 404. @default every path */
  readonly paths?: readonly string[];
  /** HTTP path the target group checks. @default '/readyz' */
  readonly healthCheckPath?: string;
}

/** ALB's default quota of rules per listener (the default action not counted). */
export const MAX_LISTENER_RULES = 100;

export interface BalancerProps {
  readonly environment: Environment;
  /** Owner of the access log bucket (and, through the scope, of everything here). */
  readonly ownership: Ownership;
  readonly organisationName: string;
  readonly scheme: LoadBalancerScheme;
  /** Name of the load balancer (checked, at most 32 characters). */
  readonly name: string;
  /** `<who>-<environment>`: the security group, Name tags and web ACL are named after it. */
  readonly label: string;
  /** Who it serves, in the security group's description. */
  readonly serves: string;
  readonly tlsPolicy?: string;
  readonly certificateArn: string;
  readonly defaultAction: LbListenerDefaultAction;
  /** Days access logs are kept, 1 to 3650. @default 90 */
  readonly accessLogDays?: number;
}

export interface Balancer {
  readonly securityGroup: SecurityGroup;
  readonly loadBalancer: Lb;
  readonly https: LbListener;
  readonly webAcl?: ManagedRulesWebAcl;
}

/**
 * An Application Load Balancer (internal or internet-facing), its security group (HTTPS and HTTP
 * from its clients), access logs to an SSE-S3 bucket with expiry, an HTTPS listener with a
 * current TLS policy, an HTTP listener that only redirects, WAF managed rules when public, and
 * deletion protection in production.
 */
export function balancer(scope: Construct, props: BalancerProps): Balancer {
  const where = scope.node.path;
  const env = props.environment;
  const tlsPolicy = props.tlsPolicy ?? DEFAULT_TLS_POLICY;
  const tlsProblem = tlsPolicyProblem(tlsPolicy);
  if (tlsProblem) throw new GroundworkError(`${where}: the HTTPS listener ${tlsProblem}; choose one such as ${DEFAULT_TLS_POLICY}.`);
  const isPublic = props.scheme === 'public';

  const securityGroup = new SecurityGroup(scope, 'security-group', {
    name: `${props.label}-alb`,
    description: `${isPublic ? 'Internet-facing' : 'Internal'} load balancer of ${props.serves}`,
    vpcId: env.vpcId,
    tags: { Name: `${props.label}-alb` },
  });
  const clients = isPublic ? '0.0.0.0/0' : env.settings.cidr;
  for (const listenerPort of [443, 80]) {
    new VpcSecurityGroupIngressRule(scope, `ingress-${listenerPort}`, { securityGroupId: securityGroup.id, ipProtocol: 'tcp', fromPort: listenerPort, toPort: listenerPort, cidrIpv4: clients, description: `${listenerPort === 443 ? 'HTTPS' : 'HTTP (redirected)'} from ${isPublic ? 'the internet' : 'the VPC'}` });
  }

  const logs = new Bucket(scope, 'alb-logs', { environment: env, organisationName: props.organisationName, ownership: props.ownership, encryption: 'AES256', expireAfterDays: checkRange(where, 'accessLogDays', props.accessLogDays ?? 90, 1, 3650) });
  const logPrefix = 'alb';
  logs.addToResourcePolicy(elbLogDeliveryStatement(env.region, env.accountId, logs.bucketArn, logPrefix));

  const loadBalancer = new Lb(scope, 'load-balancer', {
    name: props.name,
    loadBalancerType: 'application',
    internal: !isPublic,
    securityGroups: [securityGroup.id],
    subnets: isPublic ? env.publicSubnetIds : env.privateSubnetIds,
    dropInvalidHeaderFields: true,
    enableDeletionProtection: env.isProduction,
    accessLogs: { bucket: logs.bucketName, prefix: logPrefix, enabled: true },
    // exposure: what the service declared, for the guardrail that keeps internal services off the internet.
    tags: { Name: props.label, exposure: props.scheme },
    // The load balancer checks it may write to the bucket when logging is turned on.
    dependsOn: [logs.policy],
  });
  const https = new LbListener(scope, 'https', {
    loadBalancerArn: loadBalancer.arn,
    port: 443,
    protocol: 'HTTPS',
    sslPolicy: tlsPolicy,
    certificateArn: props.certificateArn,
    defaultAction: [props.defaultAction],
  });
  new LbListener(scope, 'http-redirect', {
    loadBalancerArn: loadBalancer.arn,
    port: 80,
    protocol: 'HTTP',
    defaultAction: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }],
  });
  const webAcl = isPublic ? new ManagedRulesWebAcl(scope, 'waf', { name: props.label, resourceArn: loadBalancer.arn }) : undefined;
  return { securityGroup, loadBalancer, https, webAcl };
}

/** What a listener answers where no rule matches: 404. */
export const NOT_FOUND: LbListenerDefaultAction = { type: 'fixed-response', fixedResponse: { contentType: 'text/plain', statusCode: '404', messageBody: 'Not found' } };

export interface TargetsProps {
  readonly environment: Environment;
  readonly name: string;
  /** Port the pods listen on (targets are pod IPs). */
  readonly port: number;
  /** @default '/readyz' */
  readonly healthCheckPath?: string;
  readonly label: string;
}

/** A target group of pod IPs (bound in Kubernetes by a TargetGroupBinding), checked over HTTP. */
export function targets(scope: Construct, props: TargetsProps): LbTargetGroup {
  return new LbTargetGroup(scope, 'targets', {
    name: props.name,
    targetType: 'ip',
    port: props.port,
    protocol: 'HTTP',
    vpcId: props.environment.vpcId,
    deregistrationDelay: '30',
    healthCheck: { enabled: true, path: props.healthCheckPath ?? '/readyz', matcher: '200-399', interval: 15, healthyThreshold: 2, unhealthyThreshold: 3 },
    tags: { Name: props.label },
  });
}

/** The load balancer reaches the pods on their port only, and the pods admit it there. */
export function podAccess(scope: Construct, props: { readonly loadBalancerSecurityGroupId: string; readonly podSecurityGroupId: string; readonly port: number; readonly service: string; readonly shared?: boolean }): void {
  const { port } = props;
  const whose = props.shared ? 'the shared load balancer' : `the load balancer of ${props.service}`;
  new VpcSecurityGroupEgressRule(scope, 'egress-to-pods', { securityGroupId: props.loadBalancerSecurityGroupId, ipProtocol: 'tcp', fromPort: port, toPort: port, referencedSecurityGroupId: props.podSecurityGroupId, description: `To the pods of ${props.service}` });
  new VpcSecurityGroupIngressRule(scope, 'pods-from-load-balancer', { securityGroupId: props.podSecurityGroupId, ipProtocol: 'tcp', fromPort: port, toPort: port, referencedSecurityGroupId: props.loadBalancerSecurityGroupId, description: `From ${whose}` });
}

/** `/api/` and `/api` both route /api and /api/*; `/` routes everything. */
export const pathPatterns = (path: string): string[] => {
  const prefix = path.replace(/\/+$/, '');
  return prefix ? [prefix, `${prefix}/*`] : ['/*'];
};

/** A listener rule per path prefix (and per host where given) forwarding to the target group, from priority `first` on. */
export function forwardRules(scope: Construct, props: { readonly listenerArn: string; readonly targetGroupArn: string; readonly paths: readonly string[]; readonly host?: string; readonly first: number; readonly idPrefix: string }): void {
  const forward = { type: 'forward', targetGroupArn: props.targetGroupArn };
  const host = props.host ? [{ hostHeader: { values: [props.host] } }] : [];
  const paths: Array<string | undefined> = props.paths.length ? [...props.paths] : [undefined];
  paths.forEach((path, i) => {
    new LbListenerRule(scope, `${props.idPrefix}-${i}`, {
      listenerArn: props.listenerArn,
      priority: props.first + i,
      action: [forward],
      condition: [...host, ...(path === undefined ? [] : [{ pathPattern: { values: pathPatterns(path) } }])],
    });
  });
}

/** The DNS name: an alias to the load balancer, answering only while its targets are healthy. */
export function aliasRecord(scope: Construct, props: { readonly zoneId: string; readonly hostname: string; readonly loadBalancer: Lb }): Route53Record {
  return new Route53Record(scope, 'record', {
    zoneId: props.zoneId,
    name: props.hostname,
    type: 'A',
    alias: { name: props.loadBalancer.dnsName, zoneId: props.loadBalancer.zoneId, evaluateTargetHealth: true },
  });
}
