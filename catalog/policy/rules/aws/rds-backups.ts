import { literal } from '../../../terraform/resource-index';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE } from '../../rule';

const MINIMUM_DAYS = 7;

export default defineRule(__filename, {
  rationale: 'Production data needs a week of point-in-time recovery to survive a bad migration found late.',
  fix: `Set backup_retention_period to at least ${MINIMUM_DAYS} (PostgresDatabase does this in production).`,
  types: ['aws_db_instance', 'aws_rds_cluster'],
  check: (r, ctx) => {
    if (!ctx.isProduction(r) || typeof r.body.replicate_source_db === 'string') return NOT_APPLICABLE;
    const days = Number(literal(r.body.backup_retention_period) ?? 0);
    return days >= MINIMUM_DAYS ? COMPLIANT : nonCompliant(`keeps backups for ${days} days in production; the minimum is ${MINIMUM_DAYS}`);
  },
});
