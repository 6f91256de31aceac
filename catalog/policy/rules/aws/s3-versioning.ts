import { isUnknown } from '../../../terraform/hcl-expression';
import { block } from '../../../terraform/resource-index';
import { boolAttribute, stringAttribute, unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant, RuleResult } from '../../rule';

export default defineRule(__filename, {
  rationale: 'Without versioning an overwrite or delete (a bug, a script, ransomware) destroys the only copy of an object.',
  fix: 'Add an aws_s3_bucket_versioning for the bucket with versioning_configuration { status = "Enabled" } (Bucket does this).',
  types: ['aws_s3_bucket'],
  check: (r, ctx) => {
    const resources = ctx.referencing(r, 'aws_s3_bucket_versioning');
    let unknown: RuleResult | undefined;
    for (const v of resources) {
      const status = stringAttribute(block(v.body.versioning_configuration)?.status);
      if (status === 'Enabled') return COMPLIANT;
      if (isUnknown(status)) unknown ??= unknownAttribute('versioning_configuration.status', status);
    }
    // The AWS provider before v4 (and still accepted): an inline versioning block.
    const inline = boolAttribute(block(r.body.versioning)?.enabled);
    if (inline === true) return COMPLIANT;
    if (isUnknown(inline)) return unknownAttribute('versioning.enabled', inline);
    if (unknown) return unknown;
    return nonCompliant(resources.length ? 'has an aws_s3_bucket_versioning whose status is not "Enabled"' : 'has no versioning (no aws_s3_bucket_versioning with status "Enabled")');
  },
});
