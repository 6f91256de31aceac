import { literal } from '../../terraform/resource-index';
import { FREE_TIER_PAGE } from '../price-item';
import { quantity, unknownReason } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('function_name', 'memory_size', 'architectures');
const LAMBDA = { offerCode: 'AWSLambda', productFamily: 'Serverless' };
const gbSeconds = { pool: 'lambda.gb-seconds', perMonth: 0.4, reference: `${FREE_TIER_PAGE}: Lambda, 400,000 GB-seconds per month (x86 and Arm together)` };

export const awsLambdaFunction = resourceType({
  type: 'aws_lambda_function',
  attributes: body.names,
  taggable: true,
  usage: {
    lambdaRequestsMillions: { default: 0, description: 'Million invocations of a Lambda function per month. Default 0.' },
    lambdaAverageDurationMs: { default: 0, description: 'Average duration of one Lambda invocation, in milliseconds. Default 0.' },
  },
  pricing: {
    /** Requests, and GB-seconds: invocations × average duration × memory_size (MB / 1024), at the rate of its architecture. */
    pricer: (r, { usage }) => {
      const a = body.read(r);
      const memoryMb = quantity(r, 'memory_size', a.memory_size, 128);
      const architectures = a.architectures === undefined || a.architectures === null ? ['x86_64'] : Array.isArray(a.architectures) ? a.architectures.map(literal) : [undefined];
      if (architectures.length !== 1 || !['x86_64', 'arm64'].includes(architectures[0] ?? '')) return { notPriced: unknownReason(r, 'architectures', a.architectures) };
      const arch = architectures[0] === 'arm64' ? 'arm' : 'x86';
      const millionGbSeconds = (usage.lambdaRequestsMillions * usage.lambdaAverageDurationMs * memoryMb) / 1000 / 1024;
      return {
        charges: [
          { item: 'lambda.requests.million', quantity: usage.lambdaRequestsMillions, what: 'million requests (usage file)' },
          { item: `lambda.${arch}.gb-second.million`, quantity: millionGbSeconds, what: `million GB-seconds: ${usage.lambdaRequestsMillions} M requests × ${usage.lambdaAverageDurationMs} ms × ${memoryMb} MB (usage file)` },
        ],
      };
    },
  },
  // The first (lowest-volume) duration tier: beyond 6 billion GB-seconds a month AWS charges less.
  priceItems: [
    {
      key: 'lambda.requests.million',
      unit: '1M requests',
      offer: () => ({ ...LAMBDA, usagetype: 'Request', attributes: { group: 'AWS-Lambda-Requests' }, unit: 'Requests', scale: 6 }),
      freeTier: { pool: 'lambda.requests', perMonth: 1, reference: `${FREE_TIER_PAGE}: Lambda, 1 million requests per month` },
    },
    { key: 'lambda.x86.gb-second.million', unit: '1M GB-Seconds', offer: () => ({ ...LAMBDA, usagetype: 'Lambda-GB-Second', attributes: { group: 'AWS-Lambda-Duration' }, unit: 'Lambda-GB-Second', scale: 6 }), freeTier: gbSeconds },
    { key: 'lambda.arm.gb-second.million', unit: '1M GB-Seconds', offer: () => ({ ...LAMBDA, usagetype: 'Lambda-GB-Second-ARM', attributes: { group: 'AWS-Lambda-Duration-ARM' }, unit: 'Lambda-GB-Second', scale: 6 }), freeTier: gbSeconds },
  ],
});
