import { isUnknown } from '../../../terraform/hcl-expression';
import { numberAttribute, unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE } from '../../rule';

const MINIMUM_DAYS = 7;
/** RDS keeps automated backups for 35 days at most and refuses more. */
const MAXIMUM_DAYS = 35;

export default defineRule(__filename, {
  rationale: 'Production data needs a week of point-in-time recovery to survive a bad migration found late.',
  fix: `Set backup_retention_period between ${MINIMUM_DAYS} and ${MAXIMUM_DAYS} (PostgresDatabase does this in production).`,
  types: ['aws_db_instance', 'aws_rds_cluster'],
  check: (r, ctx) => {
    if (!ctx.isProduction(r) || typeof r.body.replicate_source_db === 'string') return NOT_APPLICABLE;
    const days = numberAttribute(r.body.backup_retention_period);
    if (isUnknown(days)) return unknownAttribute('backup_retention_period', days);
    if (days !== undefined && days > MAXIMUM_DAYS) return nonCompliant(`sets backup_retention_period to ${days} days; RDS allows at most ${MAXIMUM_DAYS} and refuses the change`);
    return (days ?? 0) >= MINIMUM_DAYS ? COMPLIANT : nonCompliant(`keeps backups for ${days ?? 0} days in production; the minimum is ${MINIMUM_DAYS}`);
  },
});
