import { block, resourceKey } from '../../../terraform/resource-index';
import { referencedAddresses } from '../../../terraform/resource-kinds';
import { boolAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE } from '../../rule';

const SETTINGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;

export default defineRule(__filename, {
  rationale: 'Whatever a knowledge base ingests, its answers repeat: a public or writable-by-anyone data bucket leaks the documents or lets strangers poison the answers.',
  fix: 'Read documents from a bucket of this configuration with a public access block of all four settings true (Bucket, which KnowledgeBase uses, has one).',
  types: ['aws_bedrockagent_data_source'],
  check: (r, ctx) => {
    const configuration = block(r.body.data_source_configuration);
    if (!configuration || configuration.type !== 'S3') return NOT_APPLICABLE;
    const buckets = referencedAddresses(configuration.s3_configuration).filter((a) => a.startsWith('aws_s3_bucket.'));
    if (!buckets.length) return nonCompliant('reads a bucket outside this configuration (a literal ARN), so its privacy cannot be checked; create the bucket here with a public access block');
    const records = new Map(ctx.inStack(r.stack).map((x) => [resourceKey(x), x]));
    for (const address of buckets) {
      const bucket = records.get(`${r.stack}/${address.replace(/\[.*$/, '')}`);
      if (!bucket) return nonCompliant(`reads ${address}, which is not in this configuration`);
      const blocks = ctx.referencing(bucket, 'aws_s3_bucket_public_access_block');
      const off = SETTINGS.filter((s) => !blocks.some((b) => boolAttribute(b.body[s]) === true));
      if (off.length) return nonCompliant(`reads ${address}, whose public access block ${blocks.length ? `has ${off.join(', ')} not true` : 'is missing'}`);
    }
    return COMPLIANT;
  },
});
