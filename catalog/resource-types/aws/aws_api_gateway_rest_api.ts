import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('name');

export const awsApiGatewayRestApi = resourceType({
  type: 'aws_api_gateway_rest_api',
  attributes: body.names,
  taggable: true,
  usage: { restApiRequestsMillions: { default: 0, description: 'Million requests a REST API receives per month. Default 0.' } },
  pricing: {
    /** Requests at the first tier (up to 333 million a month); the API itself costs nothing. */
    pricer: (_r, { usage }) => ({ charges: [{ item: 'apigateway.rest.million', quantity: usage.restApiRequestsMillions, what: 'million requests (usage file)' }] }),
  },
  priceItems: [{ key: 'apigateway.rest.million', unit: '1M requests', offer: () => ({ offerCode: 'AmazonApiGateway', productFamily: 'API Calls', usagetype: 'ApiGatewayRequest', unit: 'Requests', scale: 6 }) }],
});
