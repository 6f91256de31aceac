import { isUnknown } from '../../../terraform/hcl-expression';
import { block } from '../../../terraform/resource-index';
import { stringAttribute, unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE } from '../../rule';

export default defineRule(__filename, {
  rationale: 'The organisation vets which embedding models its documents may be sent to (data residency, terms, cost); changing the model later rebuilds every index.',
  fix: 'Use an embedding model from ai.embeddingModels in the organisation settings, or have the platform team add it there.',
  types: ['aws_bedrockagent_knowledge_base'],
  check: (r, ctx) => {
    // Terraform without Groundwork's organisation metadata has no allowed list to judge by.
    const allowed = ctx.organisation?.ai?.embeddingModels;
    if (!allowed) return NOT_APPLICABLE;
    const vector = block(block(r.body.knowledge_base_configuration)?.vector_knowledge_base_configuration);
    const arn = stringAttribute(vector?.embedding_model_arn);
    if (isUnknown(arn)) return unknownAttribute('embedding_model_arn', arn);
    if (arn === undefined) return nonCompliant('names no embedding model');
    const model = arn.replace(/^arn:[^:]+:bedrock:[^:]*::foundation-model\//, '');
    return allowed.includes(model) ? COMPLIANT : nonCompliant(`embeds with ${model}, which is not one the organisation allows (${allowed.join(', ')})`);
  },
});
