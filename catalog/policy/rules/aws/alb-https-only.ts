import { literal } from '../../../terraform/resource-index';
import { tlsPolicyProblem } from '../../../../model/tls-policies';
import { isApplicationLoadBalancer, isInternetFacing, LISTENER_TYPES, listenerLoadBalancer, redirectsToHttps } from '../../load-balancers';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE } from '../../rule';

export default defineRule(__filename, {
  rationale: 'Requests to an internet-facing service cross networks nobody controls: they must be encrypted with a TLS version and ciphers that are still safe.',
  fix: 'Listen with protocol HTTPS and ssl_policy from the ELBSecurityPolicy-TLS13-1-2-* or -TLS13-1-3-* families; an HTTP listener may only redirect to HTTPS.',
  types: LISTENER_TYPES,
  check: (r, ctx) => {
    // A listener whose load balancer is not in this configuration is judged as public (fail closed).
    const lb = listenerLoadBalancer(r, ctx);
    if (lb && (!isApplicationLoadBalancer(lb) || !isInternetFacing(lb))) return NOT_APPLICABLE;
    const protocol = literal(r.body.protocol) ?? (r.body.certificate_arn !== undefined ? 'HTTPS' : 'HTTP');
    if (protocol === 'HTTPS') {
      const problem = tlsPolicyProblem(r.body.ssl_policy);
      return problem ? nonCompliant(problem) : COMPLIANT;
    }
    if (protocol === 'HTTP') return redirectsToHttps(r) ? COMPLIANT : nonCompliant('serves plain HTTP on an internet-facing load balancer instead of redirecting to HTTPS');
    return nonCompliant(`uses protocol ${JSON.stringify(r.body.protocol)}, not HTTPS`);
  },
});
