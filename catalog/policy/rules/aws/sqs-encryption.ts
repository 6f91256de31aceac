import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'Messages often carry personal data; encryption at rest is the baseline.',
  fix: 'Set sqs_managed_sse_enabled = true or kms_master_key_id (Queue does this).',
  types: ['aws_sqs_queue'],
  check: (r) => (r.body.sqs_managed_sse_enabled === true || r.body.sqs_managed_sse_enabled === 'true' || typeof r.body.kms_master_key_id === 'string' ? COMPLIANT : nonCompliant('is not encrypted at rest')),
});
