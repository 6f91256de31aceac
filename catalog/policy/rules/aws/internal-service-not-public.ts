import { isInternetFacing, LOAD_BALANCER_TYPES } from '../../load-balancers';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE } from '../../rule';

export default defineRule(__filename, {
  rationale: 'A service declared internal is built and reviewed for callers inside the network; putting it on the internet skips that review.',
  fix: "Make the load balancer internal (internal = true, private subnets), or declare the service public (expose: 'public', which adds WAF and the public guardrails).",
  types: LOAD_BALANCER_TYPES,
  check: (r) => {
    // The platform tags each load balancer with the exposure its service declared.
    const exposure = r.tags.exposure;
    if (exposure !== 'internal') return NOT_APPLICABLE;
    return isInternetFacing(r) ? nonCompliant('belongs to a service declared internal (tag exposure = internal) but is internet-facing') : COMPLIANT;
  },
});
