import { isUnknown } from '../../../terraform/hcl-expression';
import { kmsKeyAttribute, unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'Logs carry request data, identifiers and sometimes secrets; a customer-managed key controls who can read them and leaves a trail (checkov CKV_AWS_158).',
  fix: 'Set kms_key_id to a KMS key whose policy lets logs.<region>.amazonaws.com use it (Environment creates one per environment: logsKeyArn).',
  types: ['aws_cloudwatch_log_group'],
  check: (r) => {
    const key = kmsKeyAttribute(r.body.kms_key_id);
    if (key === 'key') return COMPLIANT;
    if (isUnknown(key)) return unknownAttribute('kms_key_id', key);
    return nonCompliant('is not encrypted with a KMS key');
  },
});
