import type { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';

/** What a service's alarms, SLOs, Kubernetes binding and catalog need of its way in, whether its load balancer is its own or shared. */
export interface FrontDoor {
  /** `app/<name>/<id>`: the LoadBalancer dimension of its CloudWatch metrics. */
  readonly loadBalancerArnSuffix: string;
  readonly targetGroup: LbTargetGroup;
  /** `targetgroup/<name>/<id>`: the TargetGroup dimension. */
  readonly targetGroupArnSuffix: string;
  /** `https://<hostname>` */
  readonly url: string;
  /**
   * The load balancer serves other services too: its own metrics (all requests, the 5xx it
   * answers itself) are not this service's, so its signals are read per target group.
   */
  readonly shared: boolean;
}
