import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE } from '../../rule';
import { isApplicationLoadBalancer, isInternetFacing, LOAD_BALANCER_TYPES } from '../../load-balancers';

export default defineRule(__filename, {
  rationale: 'An internet-facing load balancer takes requests from anyone; a web ACL of managed rules stops known attacks and bad actors before they reach the service.',
  fix: "Associate a WAFv2 web ACL with AWS managed rule groups (aws_wafv2_web_acl_association); HttpService with expose: 'public' does.",
  types: LOAD_BALANCER_TYPES,
  check: (r, ctx) => {
    if (!isApplicationLoadBalancer(r) || !isInternetFacing(r)) return NOT_APPLICABLE;
    return ctx.referencing(r, 'aws_wafv2_web_acl_association').length ? COMPLIANT : nonCompliant('is internet-facing with no WAF web ACL associated');
  },
});
