import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { GroundworkError } from '../model/errors';
import { DEFAULT_TLS_POLICY, tlsPolicyProblem } from '../model/tls-policies';
import { stampAwsOwnership } from './aws-ownership-tags';
import { Bucket } from './bucket';
import { DnsValidatedCertificate } from './certificate';
import { elbLogDeliveryStatement } from './elb-log-delivery';
import type { Environment } from './environment';
import { checkLiterals } from './literal-rules';
import { checkName, checkRange, NAME_RULES, nameWithin } from './names';
import type { Ownership } from './ownership';
import { ManagedRulesWebAcl } from './web-acl';

/** Where a load balancer answers: inside the VPC (private subnets) or on the internet (public subnets). */
export type LoadBalancerScheme = 'internal' | 'public';

export interface ServiceLoadBalancerProps {
  /** The environment it is created in: its network, region, account and the provider's default tags. */
  readonly environment: Environment;
  /** Who owns it: stamped as tags on everything it creates. */
  readonly ownership: Ownership;
  /** The organisation's name: the access log bucket is <organisation>-<service>-<environment>-alb-logs. */
  readonly organisationName: string;
  readonly scheme: LoadBalancerScheme;
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
  /** TLS policy of the HTTPS listener, from the TLS13-1-2 or TLS13-1-3 families. @default ELBSecurityPolicy-TLS13-1-2-2021-06 */
  readonly tlsPolicy?: string;
  /** HTTP path the target group checks. @default '/readyz' */
  readonly healthCheckPath?: string;
  /** Days access logs are kept, 1 to 3650. @default 90 */
  readonly accessLogDays?: number;
}

/**
 * A service's front door in one environment, all in Terraform so alarms, DNS, WAF, cost and
 * guardrails see it: an Application Load Balancer (internal or internet-facing), HTTPS only (a
 * current TLS policy, HTTP redirected to HTTPS), an ACM certificate validated through DNS, an
 * alias record, a target group of pod IPs (bound in Kubernetes by a TargetGroupBinding), access
 * logs to an SSE-S3 bucket with expiry, WAF managed rules when public, deletion protection in
 * production.
 */
export class ServiceLoadBalancer extends Construct {
  readonly loadBalancer: Lb;
  readonly targetGroup: LbTargetGroup;
  readonly securityGroup: SecurityGroup;
  /** `app/<name>/<id>`: the LoadBalancer dimension of its CloudWatch metrics. */
  readonly loadBalancerArnSuffix: string;
  /** `targetgroup/<name>/<id>`: the TargetGroup dimension. */
  readonly targetGroupArnSuffix: string;
  readonly url: string;
  readonly webAcl?: ManagedRulesWebAcl;

  constructor(scope: Construct, id: string, props: ServiceLoadBalancerProps) {
    super(scope, id);
    const where = this.node.path;
    const env = props.environment;
    const service = props.ownership.service;
    stampAwsOwnership(this, props.ownership, env.defaultTags);
    checkLiterals(where, { hostname: ['hostname', props.hostname], healthCheckPath: ['httpPath', props.healthCheckPath] });
    (props.paths ?? []).forEach((path, i) => checkLiterals(where, { [`paths[${i}]`]: ['httpPath', path] }));
    const tlsPolicy = props.tlsPolicy ?? DEFAULT_TLS_POLICY;
    const tlsProblem = tlsPolicyProblem(tlsPolicy);
    if (tlsProblem) throw new GroundworkError(`${where}: the HTTPS listener ${tlsProblem}; choose one such as ${DEFAULT_TLS_POLICY}.`);
    const port = checkRange(where, 'targetPort', props.targetPort, 1, 65535);
    const isPublic = props.scheme === 'public';
    const name = checkName(where, 'load balancer', nameWithin(`${service}-${env.name}`, 32), NAME_RULES.loadBalancer);

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${service}-${env.name}-alb`,
      description: `${isPublic ? 'Internet-facing' : 'Internal'} load balancer of ${service}`,
      vpcId: env.vpcId,
      tags: { Name: `${service}-${env.name}-alb` },
    });
    const clients = isPublic ? '0.0.0.0/0' : env.settings.cidr;
    for (const listenerPort of [443, 80]) {
      new VpcSecurityGroupIngressRule(this, `ingress-${listenerPort}`, { securityGroupId: this.securityGroup.id, ipProtocol: 'tcp', fromPort: listenerPort, toPort: listenerPort, cidrIpv4: clients, description: `${listenerPort === 443 ? 'HTTPS' : 'HTTP (redirected)'} from ${isPublic ? 'the internet' : 'the VPC'}` });
    }
    new VpcSecurityGroupEgressRule(this, 'egress-to-pods', { securityGroupId: this.securityGroup.id, ipProtocol: 'tcp', fromPort: port, toPort: port, referencedSecurityGroupId: props.serviceSecurityGroupId, description: `To the pods of ${service}` });
    new VpcSecurityGroupIngressRule(this, 'pods-from-load-balancer', { securityGroupId: props.serviceSecurityGroupId, ipProtocol: 'tcp', fromPort: port, toPort: port, referencedSecurityGroupId: this.securityGroup.id, description: `From the load balancer of ${service}` });

    const logs = new Bucket(this, 'alb-logs', { environment: env, organisationName: props.organisationName, ownership: props.ownership, encryption: 'AES256', expireAfterDays: checkRange(where, 'accessLogDays', props.accessLogDays ?? 90, 1, 3650) });
    const logPrefix = 'alb';
    logs.addToResourcePolicy(elbLogDeliveryStatement(env.region, env.accountId, logs.bucketArn, logPrefix));

    this.loadBalancer = new Lb(this, 'load-balancer', {
      name,
      loadBalancerType: 'application',
      internal: !isPublic,
      securityGroups: [this.securityGroup.id],
      subnets: isPublic ? env.publicSubnetIds : env.privateSubnetIds,
      dropInvalidHeaderFields: true,
      enableDeletionProtection: env.isProduction,
      accessLogs: { bucket: logs.bucketName, prefix: logPrefix, enabled: true },
      // exposure: what the service declared, for the guardrail that keeps internal services off the internet.
      tags: { Name: `${service}-${env.name}`, exposure: props.scheme },
      // The load balancer checks it may write to the bucket when logging is turned on.
      dependsOn: [logs.policy],
    });
    this.loadBalancerArnSuffix = this.loadBalancer.arnSuffix;

    this.targetGroup = new LbTargetGroup(this, 'targets', {
      name,
      targetType: 'ip',
      port,
      protocol: 'HTTP',
      vpcId: env.vpcId,
      deregistrationDelay: '30',
      healthCheck: { enabled: true, path: props.healthCheckPath ?? '/readyz', matcher: '200-399', interval: 15, healthyThreshold: 2, unhealthyThreshold: 3 },
      tags: { Name: `${service}-${env.name}` },
    });
    this.targetGroupArnSuffix = this.targetGroup.arnSuffix;

    const certificate = new DnsValidatedCertificate(this, 'certificate', { domainName: props.hostname, validationZoneId: props.validationZoneId });
    const forward = { type: 'forward', targetGroupArn: this.targetGroup.arn };
    const paths = props.paths ?? [];
    const https = new LbListener(this, 'https', {
      loadBalancerArn: this.loadBalancer.arn,
      port: 443,
      protocol: 'HTTPS',
      sslPolicy: tlsPolicy,
      certificateArn: certificate.certificateArn,
      defaultAction: [paths.length ? { type: 'fixed-response', fixedResponse: { contentType: 'text/plain', statusCode: '404', messageBody: 'Not found' } } : forward],
    });
    paths.forEach((path, i) => {
      const prefix = path.replace(/\/+$/, '');
      new LbListenerRule(this, `path-${i}`, {
        listenerArn: https.arn,
        priority: i + 1,
        action: [forward],
        condition: [{ pathPattern: { values: prefix ? [prefix, `${prefix}/*`] : ['/*'] } }],
      });
    });
    new LbListener(this, 'http-redirect', {
      loadBalancerArn: this.loadBalancer.arn,
      port: 80,
      protocol: 'HTTP',
      defaultAction: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }],
    });

    new Route53Record(this, 'record', {
      zoneId: props.recordZoneId,
      name: props.hostname,
      type: 'A',
      alias: { name: this.loadBalancer.dnsName, zoneId: this.loadBalancer.zoneId, evaluateTargetHealth: true },
    });
    this.url = `https://${props.hostname}`;

    if (isPublic) this.webAcl = new ManagedRulesWebAcl(this, 'waf', { name: `${service}-${env.name}`, resourceArn: this.loadBalancer.arn });
  }
}
