import { isUnknown } from '../../../terraform/hcl-expression';
import { kmsKeyAttribute, unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'Logs hold request data and secrets that slip into them; a customer-managed key decides who may read them and records each use (CloudWatch encrypts with its own key otherwise).',
  fix: 'Set kms_key_id to a KMS key whose policy lets logs.<region>.amazonaws.com use it for this log group.',
  types: ['aws_cloudwatch_log_group'],
  check: (r) => {
    const key = kmsKeyAttribute(r.body.kms_key_id);
    if (key === 'key') return COMPLIANT;
    if (isUnknown(key)) return unknownAttribute('kms_key_id', key);
    return nonCompliant('is not encrypted with a customer-managed KMS key (no kms_key_id)');
  },
});
