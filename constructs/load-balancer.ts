import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Construct } from 'constructs';
import { stampAwsOwnership } from './aws-ownership-tags';
import { DnsValidatedCertificate } from './certificate';
import type { Environment } from './environment';
import type { FrontDoor } from './front-door';
import { checkLiterals } from './literal-rules';
import { aliasRecord, balancer, forwardRules, LoadBalancerScheme, NOT_FOUND, podAccess, RouteProps, targets } from './load-balancer-parts';
import { checkName, checkRange, NAME_RULES, nameWithin } from './names';
import type { Ownership } from './ownership';
import type { ManagedRulesWebAcl } from './web-acl';

export type { LoadBalancerScheme } from './load-balancer-parts';

export interface ServiceLoadBalancerProps extends RouteProps {
  /** The environment it is created in: its network, region, account and the provider's default tags. */
  readonly environment: Environment;
  /** Who owns it: stamped as tags on everything it creates. */
  readonly ownership: Ownership;
  /** The organisation's name: the access log bucket is <organisation>-<service>-<environment>-alb-logs. */
  readonly organisationName: string;
  readonly scheme: LoadBalancerScheme;
  /** TLS policy of the HTTPS listener, from the TLS13-1-2 or TLS13-1-3 families. @default ELBSecurityPolicy-TLS13-1-2-2021-06 */
  readonly tlsPolicy?: string;
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
export class ServiceLoadBalancer extends Construct implements FrontDoor {
  readonly loadBalancer: Lb;
  readonly targetGroup: LbTargetGroup;
  readonly securityGroup: SecurityGroup;
  readonly loadBalancerArnSuffix: string;
  readonly targetGroupArnSuffix: string;
  readonly url: string;
  readonly webAcl?: ManagedRulesWebAcl;
  readonly shared = false;

  constructor(scope: Construct, id: string, props: ServiceLoadBalancerProps) {
    super(scope, id);
    const where = this.node.path;
    const env = props.environment;
    const service = props.ownership.service;
    stampAwsOwnership(this, props.ownership, env.defaultTags);
    checkLiterals(where, { hostname: ['hostname', props.hostname], healthCheckPath: ['httpPath', props.healthCheckPath] });
    (props.paths ?? []).forEach((path, i) => checkLiterals(where, { [`paths[${i}]`]: ['httpPath', path] }));
    const port = checkRange(where, 'targetPort', props.targetPort, 1, 65535);
    const name = checkName(where, 'load balancer', nameWithin(`${service}-${env.name}`, 32), NAME_RULES.loadBalancer);
    const label = `${service}-${env.name}`;

    this.targetGroup = targets(this, { environment: env, name, port, healthCheckPath: props.healthCheckPath, label });
    this.targetGroupArnSuffix = this.targetGroup.arnSuffix;
    const certificate = new DnsValidatedCertificate(this, 'certificate', { domainName: props.hostname, validationZoneId: props.validationZoneId });
    const paths = props.paths ?? [];
    const parts = balancer(this, {
      environment: env,
      ownership: props.ownership,
      organisationName: props.organisationName,
      scheme: props.scheme,
      name,
      label,
      serves: service,
      tlsPolicy: props.tlsPolicy,
      certificateArn: certificate.certificateArn,
      defaultAction: paths.length ? NOT_FOUND : { type: 'forward', targetGroupArn: this.targetGroup.arn },
      accessLogDays: props.accessLogDays,
    });
    this.securityGroup = parts.securityGroup;
    this.loadBalancer = parts.loadBalancer;
    this.webAcl = parts.webAcl;
    this.loadBalancerArnSuffix = this.loadBalancer.arnSuffix;
    podAccess(this, { loadBalancerSecurityGroupId: this.securityGroup.id, podSecurityGroupId: props.serviceSecurityGroupId, port, service });
    if (paths.length) forwardRules(this, { listenerArn: parts.https.arn, targetGroupArn: this.targetGroup.arn, paths, first: 1, idPrefix: 'path' });
    aliasRecord(this, { zoneId: props.recordZoneId, hostname: props.hostname, loadBalancer: this.loadBalancer });
    this.url = `https://${props.hostname}`;
  }
}
