import { isUnknown } from '../../../terraform/hcl-expression';
import { block, blocks, Body } from '../../../terraform/resource-index';
import { stringAttribute, unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant, RuleResult } from '../../rule';

/** The algorithms S3 accepts for default encryption. */
const ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse'];

/** Blocks of a name, written out or inside a `dynamic` block whose for_each is not known yet (read as written). */
const blocksNamed = (body: Body, name: string): Body[] => [...blocks(body[name]), ...blocks(block(body.dynamic)?.[name]).flatMap((d) => blocks(d.content))];

export default defineRule(__filename, {
  rationale: 'Explicit server-side encryption (with KMS where needed) makes the key and its audit trail a decision, not a default.',
  fix: 'Add an aws_s3_bucket_server_side_encryption_configuration for the bucket with sse_algorithm "aws:kms" or "AES256" (Bucket uses aws:kms with a bucket key).',
  types: ['aws_s3_bucket'],
  check: (r, ctx) => {
    const configurations = [...ctx.referencing(r, 'aws_s3_bucket_server_side_encryption_configuration').map((c) => c.body), ...blocksNamed(r.body, 'server_side_encryption_configuration')];
    if (!configurations.length) return nonCompliant('has no server-side encryption configuration');
    let problem: RuleResult | undefined;
    for (const rule of configurations.flatMap((c) => blocksNamed(c, 'rule'))) {
      const algorithm = stringAttribute(block(rule.apply_server_side_encryption_by_default)?.sse_algorithm);
      if (typeof algorithm === 'string' && ALGORITHMS.includes(algorithm)) return COMPLIANT;
      if (isUnknown(algorithm)) problem ??= unknownAttribute('sse_algorithm', algorithm);
      else problem ??= nonCompliant(`has a server-side encryption configuration whose sse_algorithm ${algorithm === undefined ? 'is missing' : `${JSON.stringify(algorithm)} is not one of ${ALGORITHMS.join(', ')}`}`);
    }
    return problem ?? nonCompliant('has a server-side encryption configuration without a rule');
  },
});
