import { literal } from '../../terraform/resource-index';
import { bedrockModel, bedrockOffer } from '../bedrock-models';
import { hours, quantity, unknownReason } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';
import { referencedResource } from '../referenced-resource';

const body = attributeReader('model_arn', 'model_units', 'commitment_duration');
/** The commitment terms AWS prices model units by; no commitment (hourly) when absent. */
const TERMS: Readonly<Record<string, string>> = { none: 'no-commitment', OneMonth: '1-month', SixMonths: '6-month' };

export const awsBedrockProvisionedModelThroughput = resourceType({
  type: 'aws_bedrock_provisioned_model_throughput',
  attributes: body.names,
  taggable: true,
  pricing: {
    /** Model units × hours at the base model's rate for the commitment term; a custom model is priced at its base model's rate. */
    pricer: (r, context) => {
      const a = body.read(r);
      const term = a.commitment_duration === undefined || a.commitment_duration === null ? 'none' : literal(a.commitment_duration);
      if (term === undefined || !TERMS[term]) return { notPriced: term === undefined ? unknownReason(r, 'commitment_duration', a.commitment_duration) : `commitment_duration ${JSON.stringify(term)} is neither OneMonth nor SixMonths` };
      const custom = referencedResource(a.model_arn, 'aws_bedrock_custom_model', context, () => false);
      const model = typeof custom === 'string' ? bedrockModel(r, 'model_arn', a.model_arn) : bedrockModel(custom, `${custom.address} base_model_identifier`, custom.body.base_model_identifier);
      const units = quantity(r, 'model_units', a.model_units, 1);
      return { charges: [hours(`bedrock.provisioned.${model}.${TERMS[term]}`, `${units} model units of ${model} (${TERMS[term]})`, units)] };
    },
  },
  priceItems: [{ key: 'bedrock.provisioned.{model}.{term}', unit: 'Hrs', offer: ({ model, term }) => bedrockOffer(model, `provisioned-throughput-${term}`, 'Hrs') }],
});
