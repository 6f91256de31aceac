/** Bedrock model identifiers as the price keys name them, for knowledge bases, custom models and provisioned throughput. */
import { literal, ResourceRecord } from '../terraform/resource-index';
import { NotPricedError, unknownReason } from './pricing';

/**
 * The model a foundation-model ARN or id names, without its version and context-window suffixes
 * (`amazon.titan-embed-text-v2:0`, `amazon.titan-text-express-v1:0:8k`): AWS prices the model, not the variant.
 */
export function bedrockModel(r: ResourceRecord, attribute: string, value: unknown): string {
  const text = literal(value);
  if (text === undefined || text === '') throw new NotPricedError(value === undefined || value === null ? `${attribute} not set` : unknownReason(r, attribute, value));
  const id = text.replace(/^arn:[^:]+:bedrock:[^:]*:[^:]*:foundation-model\//, '');
  if (id.startsWith('arn:')) throw new NotPricedError(`${attribute} ${JSON.stringify(text)} is not a foundation model`);
  return id.replace(/(:\d+k?)+$/, '').toLowerCase();
}

/** The AWS Price List product of a Bedrock price; not confirmed from an offer record (the offer names models in its own words). */
export const bedrockOffer = (model: string, usagetype: string, unit: string, scale?: number) => ({
  offerCode: 'AmazonBedrock',
  productFamily: 'Amazon Bedrock',
  usagetype: `${model}-${usagetype}`,
  attributes: { model },
  unit,
  ...(scale === undefined ? {} : { scale }),
});
