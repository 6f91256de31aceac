import { isUnknown } from '../../../terraform/hcl-expression';
import { block } from '../../../terraform/resource-index';
import { boolAttribute, stringAttribute, unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE } from '../../rule';

/** CloudFront's security policies of TLS 1.2 or later (TLSv1.2_2018, TLSv1.2_2021, TLSv1.3_2025, ...). */
const TLS12_OR_LATER = /^TLSv1\.[23]_\d{4}$/;

export default defineRule(__filename, {
  rationale: 'TLS 1.0 and 1.1 are deprecated (RFC 8996); a viewer certificate policy below TLS 1.2 lets clients negotiate them.',
  fix: 'Serve the distribution on a custom domain with an ACM certificate and set viewer_certificate.minimum_protocol_version = "TLSv1.2_2021" (SiteDistribution does this when given a domain).',
  types: ['aws_cloudfront_distribution'],
  check: (r) => {
    const certificate = block(r.body.viewer_certificate);
    if (!certificate) return nonCompliant('has no viewer_certificate');
    // The default *.cloudfront.net certificate always accepts TLS 1.0 (AWS fixes its policy at TLSv1) and no
    // setting raises it: only a custom domain with its own certificate can, which is a product decision
    // (StaticSite serves on *.cloudfront.net until given a domain). Not judged here; checkov fails it.
    const defaultCertificate = boolAttribute(certificate.cloudfront_default_certificate);
    if (isUnknown(defaultCertificate)) return unknownAttribute('viewer_certificate.cloudfront_default_certificate', defaultCertificate);
    if (defaultCertificate === true) return NOT_APPLICABLE;
    const version = stringAttribute(certificate.minimum_protocol_version);
    if (isUnknown(version)) return unknownAttribute('viewer_certificate.minimum_protocol_version', version);
    if (version !== undefined && TLS12_OR_LATER.test(version)) return COMPLIANT;
    return nonCompliant(`accepts TLS below 1.2 (viewer_certificate.minimum_protocol_version is ${JSON.stringify(version ?? 'TLSv1, the default')})`);
  },
});
