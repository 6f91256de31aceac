import { literal } from '../../terraform/resource-index';
import { unknownReason } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('protocol_type');
const API = { offerCode: 'AmazonApiGateway' };

export const awsApigatewayv2Api = resourceType({
  type: 'aws_apigatewayv2_api',
  attributes: body.names,
  taggable: true,
  usage: {
    httpApiRequestsMillions: { default: 0, description: 'Million requests an HTTP API receives per month. Default 0.' },
    websocketMessagesMillions: { default: 0, description: 'Million messages a WebSocket API sends and receives per month. Default 0.' },
    websocketConnectionMinutesMillions: { default: 0, description: 'Million connection minutes of a WebSocket API per month. Default 0.' },
  },
  pricing: {
    /** HTTP APIs: requests (first tier, 300 million); WebSocket APIs: messages (first billion) and connection minutes. */
    pricer: (r, { usage }) => {
      const protocol = literal(body.read(r).protocol_type);
      if (protocol === 'HTTP') return { charges: [{ item: 'apigateway.http.million', quantity: usage.httpApiRequestsMillions, what: 'million requests (usage file)' }] };
      if (protocol === 'WEBSOCKET') {
        return {
          charges: [
            { item: 'apigateway.websocket.messages.million', quantity: usage.websocketMessagesMillions, what: 'million messages (usage file)' },
            { item: 'apigateway.websocket.minutes.million', quantity: usage.websocketConnectionMinutesMillions, what: 'million connection minutes (usage file)' },
          ],
        };
      }
      return { notPriced: protocol === undefined ? unknownReason(r, 'protocol_type', body.read(r).protocol_type) : `protocol_type ${JSON.stringify(protocol)} is neither HTTP nor WEBSOCKET` };
    },
  },
  // As Infracost's apigatewayv2_api.go selects them: usagetypes ApiGatewayHttpRequest, ApiGatewayMessage, ApiGatewayMinute.
  priceItems: [
    { key: 'apigateway.http.million', unit: '1M requests', offer: () => ({ ...API, productFamily: 'API Calls', usagetype: 'ApiGatewayHttpRequest', unit: 'Requests', scale: 6 }) },
    { key: 'apigateway.websocket.messages.million', unit: '1M messages', offer: () => ({ ...API, productFamily: 'WebSocket', usagetype: 'ApiGatewayMessage', unit: 'Messages', scale: 6 }) },
    { key: 'apigateway.websocket.minutes.million', unit: '1M minutes', offer: () => ({ ...API, productFamily: 'WebSocket', usagetype: 'ApiGatewayMinute', unit: 'Minutes', scale: 6 }) },
  ],
});
