import { isUnknown } from '../../../terraform/hcl-expression';
import { blocks } from '../../../terraform/resource-index';
import { stringAttribute, unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

const HTTPS = ['redirect-to-https', 'https-only'];

export default defineRule(__filename, {
  rationale: 'A viewer on plain HTTP sends cookies and receives pages that anyone on the network can read or change.',
  fix: 'Set viewer_protocol_policy = "redirect-to-https" (or "https-only") in default_cache_behavior and every ordered_cache_behavior (SiteDistribution does this).',
  types: ['aws_cloudfront_distribution'],
  check: (r) => {
    const behaviours = [...blocks(r.body.default_cache_behavior).map((b) => ['default_cache_behavior', b] as const), ...blocks(r.body.ordered_cache_behavior).map((b, i) => [`ordered_cache_behavior[${i}]`, b] as const)];
    if (!behaviours.length) return nonCompliant('has no default_cache_behavior with a viewer_protocol_policy');
    for (const [where, behaviour] of behaviours) {
      const policy = stringAttribute(behaviour.viewer_protocol_policy);
      if (isUnknown(policy)) return unknownAttribute(`${where}.viewer_protocol_policy`, policy);
      if (!HTTPS.includes(policy ?? '')) return nonCompliant(`lets viewers use plain HTTP (${where}.viewer_protocol_policy is ${JSON.stringify(policy ?? null)})`);
    }
    return COMPLIANT;
  },
});
