import { literal } from '../../terraform/resource-index';
import { FREE_TIER_PAGE } from '../price-item';
import { flag } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('name', 'fifo_queue', 'redrive_policy');
const freeTier = { pool: 'sqs.million', perMonth: 1, reference: `${FREE_TIER_PAGE}: SQS, 1 million requests per month (standard and FIFO together)` };

export const awsSqsQueue = resourceType({
  type: 'aws_sqs_queue',
  attributes: body.names,
  catalog: { kind: 'queue', name: (r) => literal(body.read(r).name) },
  stateful: { what: 'queue', replacedBy: ['name', 'name_prefix', 'fifo_queue'] },
  taggable: true,
  usage: {
    sqsRequestsMillions: { default: 5, description: 'per queue (dead-letter queues: deadLetterRequestsMillions)' },
    deadLetterRequestsMillions: { default: 0 },
  },
  pricing: {
    pricer: (r, { usage, isDeadLetterQueue }) => {
      const fifo = flag(body.read(r).fifo_queue);
      const requests = isDeadLetterQueue ? usage.deadLetterRequestsMillions : usage.sqsRequestsMillions;
      return { charges: [{ item: `sqs.${fifo ? 'fifo' : 'standard'}.million`, quantity: requests, what: `million requests (usage file${isDeadLetterQueue ? ', dead-letter queue' : ''})` }] };
    },
  },
  priceItems: [
    {
      key: 'sqs.standard.million',
      unit: '1M requests',
      offer: () => ({ offerCode: 'AWSQueueService', productFamily: 'API Request', usagetype: 'Requests-Tier1', attributes: { queueType: 'Standard' }, unit: 'Requests', scale: 6 }),
      freeTier,
    },
    {
      key: 'sqs.fifo.million',
      unit: '1M requests',
      offer: () => ({ offerCode: 'AWSQueueService', productFamily: 'API Request', usagetype: 'Requests-FIFO-Tier1', attributes: { queueType: 'FIFO (first-in, first-out)' }, unit: 'Requests', scale: 6 }),
      freeTier,
    },
  ],
});
