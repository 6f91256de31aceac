import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE } from '../../rule';

export default defineRule(__filename, {
  rationale: 'One wrong `terraform destroy` or rename must not delete a production database.',
  fix: 'Set deletion_protection = true (PostgresDatabase does this in production).',
  types: ['aws_db_instance', 'aws_rds_cluster'],
  check: (r, ctx) => {
    if (!ctx.isProduction(r)) return NOT_APPLICABLE;
    return r.body.deletion_protection === true || r.body.deletion_protection === 'true' ? COMPLIANT : nonCompliant('has no deletion protection in production');
  },
});
