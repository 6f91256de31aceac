import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'Explicit server-side encryption (with KMS where needed) makes the key and its audit trail a decision, not a default.',
  fix: 'Add an aws_s3_bucket_server_side_encryption_configuration for the bucket (Bucket uses aws:kms with a bucket key).',
  types: ['aws_s3_bucket'],
  check: (r, ctx) =>
    ctx.referencing(r, 'aws_s3_bucket_server_side_encryption_configuration').length || r.body.server_side_encryption_configuration
      ? COMPLIANT
      : nonCompliant('has no server-side encryption configuration'),
});
