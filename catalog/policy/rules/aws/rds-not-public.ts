import { isUnknown } from '../../../terraform/hcl-expression';
import { boolAttribute, unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'A publicly accessible database has an address on the internet; credentials are its only defence.',
  fix: 'Set publicly_accessible = false and reach the database from inside the VPC.',
  types: ['aws_db_instance', 'aws_rds_cluster_instance'],
  check: (r) => {
    const publiclyAccessible = boolAttribute(r.body.publicly_accessible);
    if (isUnknown(publiclyAccessible)) return unknownAttribute('publicly_accessible', publiclyAccessible);
    return publiclyAccessible ? nonCompliant('is publicly accessible (publicly_accessible = true)') : COMPLIANT;
  },
});
