import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Construct } from 'constructs';
import { GroundworkError } from '../model/errors';
import { stampAwsOwnership } from './aws-ownership-tags';
import { DnsValidatedCertificate } from './certificate';
import type { Environment } from './environment';
import { balancer, LoadBalancerScheme, MAX_LISTENER_RULES, NOT_FOUND } from './load-balancer-parts';
import { checkName, NAME_RULES, nameWithin } from './names';
import type { Ownership } from './ownership';
import type { ManagedRulesWebAcl } from './web-acl';

export interface SharedLoadBalancerProps {
  readonly environment: Environment;
  /** The platform's: it owns the load balancer, its listeners, WAF and access logs. */
  readonly ownership: Ownership;
  readonly organisationName: string;
  readonly scheme: LoadBalancerScheme;
  /** The environment's domain: the listener's default certificate is `*.<domain>`. */
  readonly domain: string;
  /** Public hosted zone of the certificate's validation record. */
  readonly validationZoneId: string;
}

/**
 * One Application Load Balancer an environment's internal (or public) services share, where the
 * settings say so (`dns.sharedLoadBalancers`): the platform owns it, its listeners, WAF and
 * access logs; each service adds its own target group, certificate, host-based rules and DNS
 * name (constructs/load-balancer-route.ts). Anything no rule matches gets 404.
 */
export class SharedLoadBalancer extends Construct {
  readonly loadBalancer: Lb;
  readonly securityGroup: SecurityGroup;
  readonly https: LbListener;
  readonly webAcl?: ManagedRulesWebAcl;
  readonly scheme: LoadBalancerScheme;
  readonly environment: Environment;
  /** Listener rule priorities are unique per listener: handed out in the order services ask. */
  private rules = 0;

  constructor(scope: Construct, id: string, props: SharedLoadBalancerProps) {
    super(scope, id);
    const env = props.environment;
    const label = `${props.ownership.service}-${env.name}`;
    stampAwsOwnership(this, props.ownership, env.defaultTags);
    const name = checkName(this.node.path, 'load balancer', nameWithin(label, 32), NAME_RULES.loadBalancer);
    // The listener needs a default certificate; each service's own name is added beside it (SNI).
    const certificate = new DnsValidatedCertificate(this, 'certificate', { domainName: props.domain, wildcard: true, validationZoneId: props.validationZoneId });
    const parts = balancer(this, { environment: env, ownership: props.ownership, organisationName: props.organisationName, scheme: props.scheme, name, label, serves: `the ${props.scheme} services of ${env.name}`, certificateArn: certificate.certificateArn, defaultAction: NOT_FOUND });
    this.loadBalancer = parts.loadBalancer;
    this.securityGroup = parts.securityGroup;
    this.https = parts.https;
    this.webAcl = parts.webAcl;
    this.scheme = props.scheme;
    this.environment = env;
  }

  /** The first of `count` listener rule priorities for a service; more rules than a listener takes is one sentence. */
  claimRules(service: string, count: number): number {
    const first = this.rules + 1;
    this.rules += count;
    if (this.rules > MAX_LISTENER_RULES) {
      throw new GroundworkError(`Service "${service}": the shared ${this.scheme} load balancer of ${this.environment.name} would need ${this.rules} listener rules (one per path of each service), more than the ${MAX_LISTENER_RULES} an ALB listener takes; give the service fewer paths or its own load balancer (remove ${this.scheme} from environments.${this.environment.name}.dns.sharedLoadBalancers).`);
    }
    return first;
  }
}
