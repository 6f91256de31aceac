import { isUnknown } from '../../../terraform/hcl-expression';
import { kmsKeyAttribute, unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'Notifications often carry personal data; encryption at rest is the baseline.',
  fix: 'Set kms_master_key_id (alias/aws/sns or a customer managed key).',
  types: ['aws_sns_topic'],
  check: (r) => {
    const key = kmsKeyAttribute(r.body.kms_master_key_id);
    if (isUnknown(key)) return unknownAttribute('kms_master_key_id', key);
    return key === 'key' ? COMPLIANT : nonCompliant('is not encrypted at rest (no kms_master_key_id)');
  },
});
