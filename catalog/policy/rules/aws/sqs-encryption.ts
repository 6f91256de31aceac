import { isUnknown } from '../../../terraform/hcl-expression';
import { boolAttribute, kmsKeyAttribute, unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'Messages often carry personal data; encryption at rest is the baseline.',
  fix: 'Set sqs_managed_sse_enabled = true or kms_master_key_id (Queue does this).',
  types: ['aws_sqs_queue'],
  check: (r) => {
    const managed = boolAttribute(r.body.sqs_managed_sse_enabled);
    const key = kmsKeyAttribute(r.body.kms_master_key_id);
    if (managed === true || key === 'key') return COMPLIANT;
    if (isUnknown(key)) return unknownAttribute('kms_master_key_id', key);
    if (isUnknown(managed)) return unknownAttribute('sqs_managed_sse_enabled', managed);
    return nonCompliant('is not encrypted at rest');
  },
});
