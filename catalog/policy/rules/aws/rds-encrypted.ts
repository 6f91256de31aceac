import { isUnknown } from '../../../terraform/hcl-expression';
import { boolAttribute, kmsKeyAttribute, stringAttribute, unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'Unencrypted database storage and snapshots expose data to anyone who gets the volume or a copy.',
  fix: 'Set storage_encrypted = true (a new instance: encryption cannot be turned on in place).',
  types: ['aws_db_instance', 'aws_rds_cluster'],
  check: (r) => {
    const encrypted = boolAttribute(r.body.storage_encrypted);
    if (encrypted === true) return COMPLIANT;
    // Aurora Serverless v1 clusters are always encrypted (AWS refuses to create one without it).
    if (r.type === 'aws_rds_cluster' && stringAttribute(r.body.engine_mode) === 'serverless') return COMPLIANT;
    // A KMS key only encrypts with storage_encrypted unset (RDS infers it); false with a key is refused by AWS.
    const key = kmsKeyAttribute(r.body.kms_key_id);
    if (encrypted === undefined && key === 'key') return COMPLIANT;
    if (isUnknown(encrypted)) return unknownAttribute('storage_encrypted', encrypted);
    if (encrypted === undefined && isUnknown(key)) return unknownAttribute('kms_key_id', key);
    return nonCompliant('storage is not encrypted (storage_encrypted is not true)');
  },
});
