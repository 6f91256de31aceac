import { Charge, flag, quantity } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('enable_key_rotation', 'rotation_period_in_days');

export const awsKmsKey = resourceType({
  type: 'aws_kms_key',
  attributes: body.names,
  stateful: { what: 'KMS key', replacedBy: ['customer_master_key_spec', 'key_usage', 'multi_region'] },
  deletionProtection: { attribute: 'deletion_window_in_days', protectedWhen: 30 },
  taggable: true,
  usage: {
    kmsKeyAgeYears: {
      default: 1,
      maximum: 100,
      description: 'Age of customer managed keys with rotation on, in years: each yearly rotation adds a billed key version (the first two only). Default 1.',
    },
  },
  pricing: {
    /**
     * A customer managed key, plus its rotated versions: each rotation (every `rotation_period_in_days`,
     * 365 by default) keeps a billed key version, the first two only; the key's age comes from the usage file.
     */
    pricer: (r, { usage }) => {
      const a = body.read(r);
      const charges: Charge[] = [{ item: 'kms.key', quantity: 1, what: 'customer managed key' }];
      if (flag(a.enable_key_rotation)) {
        const period = quantity(r, 'rotation_period_in_days', a.rotation_period_in_days, 365);
        const versions = Math.min(2, Math.floor((usage.kmsKeyAgeYears * 365) / Math.max(period, 90)));
        if (versions > 0) charges.push({ item: 'kms.key.rotation', quantity: versions, what: `${versions} rotated key version${versions > 1 ? 's' : ''} (key ${usage.kmsKeyAgeYears} year${usage.kmsKeyAgeYears === 1 ? '' : 's'} old, usage file)` });
      }
      return { charges };
    },
  },
  priceItems: [
    { key: 'kms.key', unit: 'Key-Mo', offer: () => ({ offerCode: 'awskms', productFamily: 'Encryption Key', usagetype: 'KMS-Keys', unit: 'Keys' }) },
    // A rotated key version is billed like a key (the first and second rotation; later ones are free).
    { key: 'kms.key.rotation', unit: 'Key-Mo', offer: () => ({ offerCode: 'awskms', productFamily: 'Encryption Key', usagetype: 'KMS-Keys', unit: 'Keys' }) },
  ],
});
