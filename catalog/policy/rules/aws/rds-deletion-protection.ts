import { isUnknown } from '../../../terraform/hcl-expression';
import { boolAttribute, unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE } from '../../rule';

export default defineRule(__filename, {
  rationale: 'One wrong `terraform destroy` or rename must not delete a production database.',
  fix: 'Set deletion_protection = true (PostgresDatabase does this in production).',
  types: ['aws_db_instance', 'aws_rds_cluster'],
  check: (r, ctx) => {
    if (!ctx.isProduction(r)) return NOT_APPLICABLE;
    const protection = boolAttribute(r.body.deletion_protection);
    if (isUnknown(protection)) return unknownAttribute('deletion_protection', protection);
    return protection ? COMPLIANT : nonCompliant('has no deletion protection in production');
  },
});
