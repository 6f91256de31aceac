import { isUnknown } from '../../../terraform/hcl-expression';
import { numberAttribute, unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE } from '../../rule';

const MINIMUM_DAYS = 7;

export default defineRule(__filename, {
  rationale: 'Production data needs a week of point-in-time recovery to survive a bad migration found late.',
  fix: `Set backup_retention_period to at least ${MINIMUM_DAYS} (PostgresDatabase does this in production).`,
  types: ['aws_db_instance', 'aws_rds_cluster'],
  check: (r, ctx) => {
    if (!ctx.isProduction(r) || typeof r.body.replicate_source_db === 'string') return NOT_APPLICABLE;
    const days = numberAttribute(r.body.backup_retention_period);
    if (isUnknown(days)) return unknownAttribute('backup_retention_period', days);
    return (days ?? 0) >= MINIMUM_DAYS ? COMPLIANT : nonCompliant(`keeps backups for ${days ?? 0} days in production; the minimum is ${MINIMUM_DAYS}`);
  },
});
