import { block } from '../../../terraform/resource-index';
import { boolAttribute } from '../../attributes';
import { isApplicationLoadBalancer, isInternetFacing, LOAD_BALANCER_TYPES } from '../../load-balancers';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE } from '../../rule';

export default defineRule(__filename, {
  rationale: 'Access logs are the record of who called an internet-facing service and what it answered: incident response and forensics need them.',
  fix: 'Add access_logs { bucket = <an SSE-S3 bucket with the ELB log delivery policy>, enabled = true }.',
  types: LOAD_BALANCER_TYPES,
  check: (r) => {
    if (!isApplicationLoadBalancer(r) || !isInternetFacing(r)) return NOT_APPLICABLE;
    const logs = block(r.body.access_logs);
    if (!logs || logs.bucket === undefined || logs.bucket === '') return nonCompliant('is internet-facing and writes no access logs (no access_logs bucket)');
    // enabled defaults to true when the block names a bucket; only a literal false turns it off.
    return boolAttribute(logs.enabled) === false ? nonCompliant('is internet-facing and has access logs turned off (access_logs.enabled = false)') : COMPLIANT;
  },
});
