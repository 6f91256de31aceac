import { isUnknown } from '../../../terraform/hcl-expression';
import { boolAttribute, stringAttribute, unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE } from '../../rule';

export default defineRule(__filename, {
  rationale: 'A production database in one availability zone is down for as long as that zone is, and for every patch window.',
  fix: 'aws_db_instance: set multi_az = true (PostgresDatabase does this in production). aws_rds_cluster: give an Aurora cluster at least two aws_rds_cluster_instance, or make it a Multi-AZ DB cluster (db_cluster_instance_class).',
  types: ['aws_db_instance', 'aws_rds_cluster'],
  check: (r, ctx) => {
    if (!ctx.isProduction(r)) return NOT_APPLICABLE;
    if (r.type === 'aws_db_instance') {
      const multiAz = boolAttribute(r.body.multi_az);
      if (isUnknown(multiAz)) return unknownAttribute('multi_az', multiAz);
      return multiAz ? COMPLIANT : nonCompliant('runs in one availability zone in production (multi_az is not true)');
    }
    // A Multi-AZ DB cluster always spans three zones; Aurora Serverless v1 fails over to another zone by itself.
    if (r.body.db_cluster_instance_class !== undefined) return COMPLIANT;
    const mode = stringAttribute(r.body.engine_mode);
    if (isUnknown(mode)) return unknownAttribute('engine_mode', mode);
    if (mode === 'serverless') return COMPLIANT;
    // Aurora storage is replicated across zones, but compute fails over only to a second instance.
    const instances = ctx.referencing(r, 'aws_rds_cluster_instance').length;
    return instances >= 2 ? COMPLIANT : nonCompliant(`has ${instances} aws_rds_cluster_instance in production: Aurora fails over only to a second instance in another zone`);
  },
});
