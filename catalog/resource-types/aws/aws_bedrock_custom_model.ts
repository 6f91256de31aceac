import { literal } from '../../terraform/resource-index';
import { bedrockModel, bedrockOffer } from '../bedrock-models';
import { quantity, unknownReason } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('custom_model_name', 'base_model_identifier', 'hyperparameters', 'customization_type');

export const awsBedrockCustomModel = resourceType({
  type: 'aws_bedrock_custom_model',
  attributes: body.names,
  catalog: { kind: 'model', name: (r) => literal(body.read(r).custom_model_name) },
  taggable: true,
  usage: { bedrockTrainingTokensMillions: { default: 0, description: 'Million tokens in the training data set of a Bedrock model customization job (each epoch reads them all). Default 0.' } },
  pricing: {
    /**
     * The customization job, once: training tokens × epochs (hyperparameters.epochCount); then the
     * custom model's storage per month. Serving it is priced on aws_bedrock_provisioned_model_throughput.
     */
    pricer: (r, { usage }) => {
      const a = body.read(r);
      const model = bedrockModel(r, 'base_model_identifier', a.base_model_identifier);
      const parameters = a.hyperparameters;
      const given = parameters !== null && typeof parameters === 'object' && !Array.isArray(parameters) ? (parameters as Record<string, unknown>).epochCount : undefined;
      if (given === undefined) return { notPriced: typeof parameters === 'string' ? unknownReason(r, 'hyperparameters', parameters) : 'hyperparameters.epochCount not set: the base model\'s default epoch count is not priced' };
      const epochs = quantity(r, 'hyperparameters.epochCount', given, 0);
      const customization = literal(a.customization_type) ?? 'FINE_TUNING';
      return {
        charges: [
          { item: `bedrock.training.${model}.million`, quantity: usage.bedrockTrainingTokensMillions * epochs, what: `${customization.toLowerCase().replace(/_/g, '-')} job, once: ${usage.bedrockTrainingTokensMillions} M tokens × ${epochs} epochs (usage file)` },
          { item: 'bedrock.custom-model.storage', quantity: 1, what: 'custom model storage' },
        ],
      };
    },
  },
  priceItems: [
    { key: 'bedrock.training.{model}.million', unit: '1M tokens', offer: ({ model }) => bedrockOffer(model, 'customization-training-tokens', '1K tokens', 3) },
    { key: 'bedrock.custom-model.storage', unit: 'Model-Mo', offer: () => bedrockOffer('custom-model', 'customization-storage', 'Model-Mo') },
  ],
});
