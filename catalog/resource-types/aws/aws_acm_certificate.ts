import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('certificate_authority_arn');

export const awsAcmCertificate = resourceType({
  type: 'aws_acm_certificate',
  attributes: body.names,
  taggable: true,
  pricing: {
    pricer: (r) => (body.read(r).certificate_authority_arn !== undefined ? { notPriced: 'a private CA certificate (billed by the private CA)' } : { charges: [] }),
  },
});
