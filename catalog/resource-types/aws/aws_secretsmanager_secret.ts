import { resourceType } from '../resource-type';

export const awsSecretsmanagerSecret = resourceType({
  type: 'aws_secretsmanager_secret',
  stateful: { what: 'secret', replacedBy: ['name', 'name_prefix'] },
  taggable: true,
  usage: { secretsApiCallsTenThousands: { default: 1 } },
  pricing: {
    pricer: (_r, { usage }) => ({
      charges: [
        { item: 'secretsmanager.secret', quantity: 1, what: 'secret' },
        { item: 'secretsmanager.api10k', quantity: usage.secretsApiCallsTenThousands, what: '10K API calls (usage file)' },
      ],
    }),
  },
  priceItems: [
    { key: 'secretsmanager.secret', unit: 'Secret-Mo', offer: () => ({ offerCode: 'AWSSecretsManager', productFamily: 'Secret', usagetype: 'AWSSecretsManager-Secrets', unit: 'Secret-Mo' }) },
    { key: 'secretsmanager.api10k', unit: '10K API calls', offer: () => ({ offerCode: 'AWSSecretsManager', productFamily: 'API Request', usagetype: 'AWSSecretsManager-APIRequest', unit: 'API Requests', scale: 4 }) },
  ],
});
