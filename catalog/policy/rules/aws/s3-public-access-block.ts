import { isUnknown } from '../../../terraform/hcl-expression';
import { boolAttribute, unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

const SETTINGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;

export default defineRule(__filename, {
  rationale: 'Public buckets are the most common cloud data leak; the block stops a policy or ACL from making one.',
  fix: 'Add an aws_s3_bucket_public_access_block for the bucket with all four settings true (Bucket does this).',
  types: ['aws_s3_bucket'],
  check: (r, ctx) => {
    const blocks = ctx.referencing(r, 'aws_s3_bucket_public_access_block');
    if (!blocks.length) return nonCompliant('has no public access block');
    // An expression that cannot be known counts as not true: the rule fails closed.
    const off = SETTINGS.filter((s) => !blocks.some((b) => boolAttribute(b.body[s]) === true));
    if (!off.length) return COMPLIANT;
    // A setting written as a variable is set, only not known before plan: say so rather than "not true".
    const unknown = off.map((s) => [s, blocks.map((b) => boolAttribute(b.body[s])).find(isUnknown)] as const).find(([, v]) => v);
    return unknown ? unknownAttribute(unknown[0], unknown[1]!) : nonCompliant(`has a public access block with ${off.join(', ')} not true`);
  },
});
