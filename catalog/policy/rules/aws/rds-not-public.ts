import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'A publicly accessible database has an address on the internet; credentials are its only defence.',
  fix: 'Set publicly_accessible = false and reach the database from inside the VPC.',
  types: ['aws_db_instance', 'aws_rds_cluster_instance'],
  check: (r) => (r.body.publicly_accessible === true || r.body.publicly_accessible === 'true' ? nonCompliant('is publicly accessible (publicly_accessible = true)') : COMPLIANT),
});
