import { GroundworkError } from '../model/errors';
import type { LoadBalancerScheme } from '../constructs/load-balancer-parts';
import { Ownership } from '../constructs/ownership';
import { SharedLoadBalancer } from '../constructs/shared-load-balancer';
import { platformTeam } from '../model/organisation-settings';
import type { EnvironmentStacks, Organisation } from './organisation';

/** Service name of an environment's shared load balancer in the ownership tags and the catalog: shared-alb-internal, shared-alb-public. */
export const sharedLoadBalancerService = (scheme: LoadBalancerScheme): string => `shared-alb-${scheme}`;

/**
 * The organisation's ways in: which service answers at which hostname in each environment (a
 * name is one service's), and the environments' shared load balancers, made with the first
 * service that needs one.
 */
export class FrontDoors {
  private readonly hostnames = new Map<string, string>();
  private readonly shared = new Map<string, SharedLoadBalancer>();

  constructor(private readonly organisation: Organisation) {}

  /** Claims a full hostname in an environment for a service; a second service with the same name is one sentence naming both. */
  claimHostname(environment: string, hostname: string, service: string): void {
    const key = `${environment}\u0000${hostname.toLowerCase()}`;
    const first = this.hostnames.get(key);
    if (first !== undefined && first !== service) {
      throw new GroundworkError(`Service "${service}": hostname ${hostname} in ${environment} is already service "${first}"'s; each exposed service needs a hostname of its own (set prop hostname).`);
    }
    this.hostnames.set(key, service);
  }

  /** The environment's shared load balancer of that exposure, where its settings say so (dns.sharedLoadBalancers); else undefined. */
  sharedLoadBalancer(stacks: EnvironmentStacks, scheme: LoadBalancerScheme): SharedLoadBalancer | undefined {
    const dns = stacks.settings.dns;
    if (!dns?.sharedLoadBalancers?.includes(scheme)) return undefined;
    const key = `${stacks.name}/${scheme}`;
    let found = this.shared.get(key);
    if (!found) {
      const org = this.organisation;
      const service = sharedLoadBalancerService(scheme);
      const owner = platformTeam(org.settings);
      const ownership = Ownership.resolve(org.validator, `${stacks.aws.node.id}/${service}`, { owner, service }, stacks.name);
      found = new SharedLoadBalancer(stacks.aws, service, { environment: stacks.network, ownership, organisationName: org.settings.name, scheme, domain: dns.domain, validationZoneId: dns.publicZoneId });
      this.shared.set(key, found);
      const environments = [...this.shared.keys()].filter((k) => k.endsWith(`/${scheme}`)).map((k) => k.split('/')[0]);
      org.recordPlatformService(service, owner, `The load balancer the ${scheme} services of an environment share (settings: dns.sharedLoadBalancers)`, environments, [stacks.aws]);
    }
    return found;
  }
}

/** Why a prop cannot be honoured on a shared load balancer, or undefined. */
export function sharedLoadBalancerProblem(service: string, environment: string, scheme: LoadBalancerScheme, props: { readonly tlsPolicy?: string }): string | undefined {
  if (props.tlsPolicy === undefined) return undefined;
  return `Service "${service}": prop tlsPolicy cannot be set in ${environment}, where ${scheme} services share one load balancer whose TLS policy the platform sets (environments.${environment}.dns.sharedLoadBalancers); remove tlsPolicy.`;
}
