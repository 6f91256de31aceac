import { LbListenerCertificate } from '@cdktf/provider-aws/lib/lb-listener-certificate';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Construct } from 'constructs';
import { DnsValidatedCertificate } from './certificate';
import type { FrontDoor } from './front-door';
import { checkLiterals } from './literal-rules';
import { aliasRecord, forwardRules, podAccess, RouteProps, targets } from './load-balancer-parts';
import { checkName, checkRange, NAME_RULES, nameWithin } from './names';
import type { SharedLoadBalancer } from './shared-load-balancer';

export interface LoadBalancerRouteProps extends RouteProps {
  readonly loadBalancer: SharedLoadBalancer;
  readonly service: string;
}

/**
 * A service's way in through its environment's shared load balancer: its own target group of pod
 * IPs, its certificate added to the shared HTTPS listener, rules forwarding its hostname (and
 * paths) to its targets, its DNS name, and the security group rules between the load balancer and
 * its pods. Everything here is the service's; the load balancer is the platform's.
 */
export class LoadBalancerRoute extends Construct implements FrontDoor {
  readonly targetGroup: LbTargetGroup;
  readonly loadBalancerArnSuffix: string;
  readonly targetGroupArnSuffix: string;
  readonly url: string;
  readonly shared = true;

  constructor(scope: Construct, id: string, props: LoadBalancerRouteProps) {
    super(scope, id);
    const where = this.node.path;
    const shared = props.loadBalancer;
    const env = shared.environment;
    checkLiterals(where, { hostname: ['hostname', props.hostname], healthCheckPath: ['httpPath', props.healthCheckPath] }, {});
    const paths = props.paths ?? [];
    paths.forEach((path, i) => checkLiterals(where, { [`paths[${i}]`]: ['httpPath', path] }));
    const port = checkRange(where, 'targetPort', props.targetPort, 1, 65535);
    const label = `${props.service}-${env.name}`;
    const name = checkName(where, 'target group', nameWithin(label, 32), NAME_RULES.loadBalancer);

    this.targetGroup = targets(this, { environment: env, name, port, healthCheckPath: props.healthCheckPath, label });
    this.targetGroupArnSuffix = this.targetGroup.arnSuffix;
    const certificate = new DnsValidatedCertificate(this, 'certificate', { domainName: props.hostname, validationZoneId: props.validationZoneId });
    new LbListenerCertificate(this, 'listener-certificate', { listenerArn: shared.https.arn, certificateArn: certificate.certificateArn });
    const first = shared.claimRules(props.service, Math.max(1, paths.length));
    forwardRules(this, { listenerArn: shared.https.arn, targetGroupArn: this.targetGroup.arn, paths, host: props.hostname, first, idPrefix: 'rule' });
    podAccess(this, { loadBalancerSecurityGroupId: shared.securityGroup.id, podSecurityGroupId: props.serviceSecurityGroupId, port, service: props.service, shared: true });
    aliasRecord(this, { zoneId: props.recordZoneId, hostname: props.hostname, loadBalancer: shared.loadBalancer });
    this.loadBalancerArnSuffix = shared.loadBalancer.arnSuffix;
    this.url = `https://${props.hostname}`;
  }
}
