import { isUnknown } from '../../../terraform/hcl-expression';
import { numberAttribute, unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'Logs kept forever cost money every month and hold personal data longer than needed.',
  fix: 'Set retention_in_days (for example 30 outside production, 90 to 365 in production).',
  types: ['aws_cloudwatch_log_group'],
  check: (r) => {
    const days = numberAttribute(r.body.retention_in_days);
    // Set, but by a variable or reference: not "missing", only not known before plan.
    if (isUnknown(days)) return unknownAttribute('retention_in_days', days);
    if (typeof days === 'number' && days > 0) return COMPLIANT;
    return nonCompliant(days === undefined ? 'keeps logs forever (no retention_in_days)' : 'keeps logs forever (retention_in_days = 0)');
  },
});
