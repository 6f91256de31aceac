import { block } from '../../../terraform/resource-index';
import { boolAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'Without model invocation logging nobody can tell afterwards what was asked of a model and what it answered: no audit of data sent to it, no evidence in an incident.',
  fix: 'Turn on Bedrock model invocation logging in the environment (ai.invocationLogging: true in the organisation settings makes the platform create aws_bedrock_model_invocation_logging_configuration, with text delivery, to an encrypted log group).',
  types: ['aws_bedrockagent_knowledge_base', 'aws_bedrock_custom_model', 'aws_bedrock_provisioned_model_throughput'],
  check: (r, ctx) => {
    // The setting is the account's in a region: one stack per environment holds it.
    const configurations = ctx.inStack(r.stack).filter((x) => x.type === 'aws_bedrock_model_invocation_logging_configuration');
    if (!configurations.length) return nonCompliant('is used in an environment without model invocation logging (no aws_bedrock_model_invocation_logging_configuration in its configuration)');
    const on = configurations.some((c) => {
      const logging = block(c.body.logging_config);
      return Boolean(logging && (block(logging.cloudwatch_config) || block(logging.s3_config)) && boolAttribute(logging.text_data_delivery_enabled) === true);
    });
    return on ? COMPLIANT : nonCompliant('is used in an environment whose model invocation logging delivers no text (text_data_delivery_enabled is not true, or no destination)');
  },
});
