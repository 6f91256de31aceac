import { numberAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'Logs kept forever cost money every month and hold personal data longer than needed.',
  fix: 'Set retention_in_days (for example 30 outside production, 90 to 365 in production).',
  types: ['aws_cloudwatch_log_group'],
  check: (r) => {
    const days = numberAttribute(r.body.retention_in_days);
    return typeof days === 'number' && days > 0 ? COMPLIANT : nonCompliant('keeps logs forever (no retention_in_days)');
  },
});
