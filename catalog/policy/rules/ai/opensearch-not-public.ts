import { isUnknown } from '../../../terraform/hcl-expression';
import { stringAttribute, unknownAttribute } from '../../attributes';
import { collectionPolicies } from '../../opensearch-policies';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'A collection with public network access answers anyone on the internet who has (or steals) credentials its data access policy admits; a knowledge base needs no public endpoint.',
  fix: 'Give every network security policy that covers the collection AllowFromPublic false with SourceVPCEs and/or SourceServices (bedrock.amazonaws.com); KnowledgeBase does.',
  types: ['aws_opensearchserverless_collection'],
  check: (r, ctx) => {
    const name = stringAttribute(r.body.name);
    if (isUnknown(name)) return unknownAttribute('name', name);
    const policies = collectionPolicies(r, ctx, 'network')!;
    if (policies.unreadable.length) return nonCompliant(`has network policies that cannot be read at synth (${policies.unreadable.map((p) => p.address).join(', ')}); they may make it public`);
    const open = policies.matching.filter((doc) => doc.AllowFromPublic !== false);
    return open.length ? nonCompliant('is reachable from the internet: a network security policy covering it has AllowFromPublic not false') : COMPLIANT;
  },
});
