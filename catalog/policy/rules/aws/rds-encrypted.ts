import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'Unencrypted database storage and snapshots expose data to anyone who gets the volume or a copy.',
  fix: 'Set storage_encrypted = true (a new instance: encryption cannot be turned on in place).',
  types: ['aws_db_instance', 'aws_rds_cluster'],
  check: (r) => (r.body.storage_encrypted === true || r.body.storage_encrypted === 'true' || typeof r.body.kms_key_id === 'string' ? COMPLIANT : nonCompliant('storage is not encrypted (storage_encrypted is not true)')),
});
