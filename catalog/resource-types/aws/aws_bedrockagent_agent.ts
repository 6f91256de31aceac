import { bedrockModel, bedrockOffer } from '../bedrock-models';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('agent_name', 'foundation_model');

export const awsBedrockagentAgent = resourceType({
  type: 'aws_bedrockagent_agent',
  attributes: body.names,
  taggable: true,
  usage: {
    bedrockInputTokensMillions: { default: 0, description: 'Million input tokens a Bedrock agent sends its foundation model per month (on demand). Default 0.' },
    bedrockOutputTokensMillions: { default: 0, description: 'Million output tokens a Bedrock agent\'s foundation model generates per month (on demand). Default 0.' },
  },
  pricing: {
    /** The agent is free; its foundation model's on-demand inference tokens are billed, input and output at their own rates. */
    pricer: (r, { usage }) => {
      const model = bedrockModel(r, 'foundation_model', body.read(r).foundation_model);
      return {
        charges: [
          { item: `bedrock.inference.${model}.input.million`, quantity: usage.bedrockInputTokensMillions, what: `million input tokens to ${model} (usage file)` },
          { item: `bedrock.inference.${model}.output.million`, quantity: usage.bedrockOutputTokensMillions, what: `million output tokens from ${model} (usage file)` },
        ],
      };
    },
  },
  priceItems: [
    { key: 'bedrock.inference.{model}.input.million', unit: '1M tokens', offer: ({ model }) => bedrockOffer(model, 'input-tokens', '1K tokens', 3) },
    { key: 'bedrock.inference.{model}.output.million', unit: '1M tokens', offer: ({ model }) => bedrockOffer(model, 'output-tokens', '1K tokens', 3) },
  ],
});
