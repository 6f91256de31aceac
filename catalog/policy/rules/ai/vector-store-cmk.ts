import { isUnknown } from '../../../terraform/hcl-expression';
import { kmsKeyAttribute, stringAttribute, unknownAttribute } from '../../attributes';
import { collectionPolicies } from '../../opensearch-policies';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE } from '../../rule';

/** A literal key that is AWS's own (alias/aws/...), not one the organisation controls. */
const awsManaged = (raw: unknown) => {
  const value = stringAttribute(raw);
  return typeof value === 'string' && /(^|:)alias\/aws\//.test(value);
};

export default defineRule(__filename, {
  rationale: 'A vector store holds the embedded text of every document a knowledge base ingested; with a customer-managed key the organisation controls, audits and can revoke access to it, which an AWS-owned or AWS-managed key does not allow.',
  fix: 'OpenSearch Serverless: an encryption security policy covering the collection with AWSOwnedKey false and KmsARN a customer-managed key. Aurora: kms_key_id a customer-managed key. KnowledgeBase does both.',
  types: ['aws_opensearchserverless_collection', 'aws_rds_cluster'],
  check: (r, ctx) => {
    if (r.type === 'aws_rds_cluster') {
      // An Aurora cluster is a vector store when a knowledge base keeps its vectors in it.
      if (!ctx.referencing(r, 'aws_bedrockagent_knowledge_base').length) return NOT_APPLICABLE;
      const key = kmsKeyAttribute(r.body.kms_key_id);
      if (isUnknown(key)) return unknownAttribute('kms_key_id', key);
      if (key === 'none' || awsManaged(r.body.kms_key_id)) return nonCompliant('is a knowledge base\'s vector store without a customer-managed key (kms_key_id is not one)');
      return COMPLIANT;
    }
    // The collection's own kms_key_arn is computed: its encryption policy says which key it gets.
    const name = stringAttribute(r.body.name);
    if (isUnknown(name)) return unknownAttribute('name', name);
    const policies = collectionPolicies(r, ctx, 'encryption')!;
    if (policies.unreadable.length && !policies.matching.length) return nonCompliant(`has encryption policies that cannot be read at synth (${policies.unreadable.map((p) => p.address).join(', ')}); write them as literal JSON or jsonencode so the guardrail can check them`);
    if (!policies.matching.length) return nonCompliant('has no encryption security policy covering it (OpenSearch Serverless would not create it)');
    const awsOwned = policies.matching.filter((doc) => doc.AWSOwnedKey !== false || doc.KmsARN === undefined || doc.KmsARN === '');
    return awsOwned.length ? nonCompliant('is encrypted with an AWS-owned key: its encryption security policy has AWSOwnedKey true or no KmsARN') : COMPLIANT;
  },
});
