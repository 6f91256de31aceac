import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { Construct } from 'constructs';
import { GroundworkError } from '../model/errors';
import { checkChoice, checkLiterals } from './literal-rules';
import { stampAwsOwnership } from './aws-ownership-tags';
import { Bucket } from './bucket';
import type { Environment } from './environment';
import type { Ownership } from './ownership';

/** CloudFront price classes: which edge locations serve the site. */
export const PRICE_CLASSES = ['PriceClass_100', 'PriceClass_200', 'PriceClass_All'] as const;
export type PriceClass = (typeof PRICE_CLASSES)[number];

/** AWS managed policies: CachingOptimized and SecurityHeadersPolicy. */
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const SECURITY_HEADERS = '67f7725c-6f97-4210-82d7-5512b31e9d03';

export interface SiteDistributionProps {
  /** The environment it is created in: its network, region, account and the provider's default tags. */
  readonly environment: Environment;
  /** Who owns it: stamped as tags (AWS) or labels (Kubernetes) on everything it creates. */
  readonly ownership: Ownership;
  /** The organisation's name, the first part of the names it creates. */
  readonly organisationName: string;
  /** Custom domain, e.g. www.acme.example. Needs certificateArn. @default the cloudfront.net domain */
  readonly domainName?: string;
  /** ACM certificate in us-east-1 covering domainName. @default CloudFront's own certificate */
  readonly certificateArn?: string;
  /** PriceClass_100 (North America, Europe), PriceClass_200 or PriceClass_All. @default 'PriceClass_100' */
  readonly priceClass?: PriceClass;
  /** Serve index.html for unknown paths (single-page apps). @default false */
  readonly singlePageApp?: boolean;
  /** Days access logs are kept. @default 365 in production, 30 elsewhere */
  readonly logRetentionDays?: number;
}

/**
 * A static site: a private bucket readable only by one CloudFront distribution through origin
 * access control, HTTPS only (TLS 1.2+ on a custom domain), security headers, and access logs to
 * a log bucket with expiry.
 */
export class SiteDistribution extends Construct {
  readonly content: Bucket;
  readonly logs: Bucket;
  readonly distribution: CloudfrontDistribution;
  readonly distributionId: string;
  readonly domainName: string;

  constructor(scope: Construct, id: string, props: SiteDistributionProps) {
    super(scope, id);
    const where = this.node.path;
    const env = props.environment;
    stampAwsOwnership(this, props.ownership, env.defaultTags);
    if (props.domainName && !props.certificateArn) throw new GroundworkError(`${where}: domainName ${props.domainName} needs certificateArn (an ACM certificate in us-east-1 covering it).`);
    checkLiterals(where, { domainName: ['hostname', props.domainName], certificateArn: ['acmCertificateArn', props.certificateArn] });
    checkChoice(where, 'priceClass', props.priceClass, PRICE_CLASSES);
    const common = { environment: env, organisationName: props.organisationName, ownership: props.ownership };
    this.content = new Bucket(this, 'site', common);
    this.logs = new Bucket(this, 'access-logs', { ...common, forLogDelivery: true, expireAfterDays: props.logRetentionDays ?? (env.isProduction ? 365 : 30) });

    const name = `${props.ownership.service}-${env.name}`;
    const oac = new CloudfrontOriginAccessControl(this, 'origin-access', {
      name,
      description: `${name}: CloudFront reads the site bucket`,
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    });
    const originId = 'site-bucket';
    this.distribution = new CloudfrontDistribution(this, 'distribution', {
      enabled: true,
      comment: name,
      isIpv6Enabled: true,
      httpVersion: 'http2and3',
      priceClass: props.priceClass ?? 'PriceClass_100',
      defaultRootObject: 'index.html',
      aliases: props.domainName ? [props.domainName] : undefined,
      origin: [{ domainName: this.content.regionalDomainName, originId, originAccessControlId: oac.id }],
      defaultCacheBehavior: {
        targetOriginId: originId,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD', 'OPTIONS'],
        cachedMethods: ['GET', 'HEAD'],
        compress: true,
        cachePolicyId: CACHING_OPTIMIZED,
        responseHeadersPolicyId: SECURITY_HEADERS,
      },
      customErrorResponse: props.singlePageApp ? [{ errorCode: 403, responseCode: 200, responsePagePath: '/index.html' }, { errorCode: 404, responseCode: 200, responsePagePath: '/index.html' }] : undefined,
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: props.certificateArn
        ? { acmCertificateArn: props.certificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' }
        : { cloudfrontDefaultCertificate: true },
      loggingConfig: { bucket: `${this.logs.bucketName}.s3.amazonaws.com`, prefix: `${name}/`, includeCookies: false },
    });
    this.distributionId = this.distribution.id;
    this.domainName = props.domainName ?? this.distribution.domainName;
    this.content.addToResourcePolicy({
      Sid: 'CloudFrontReadsSite',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: `${this.content.bucketArn}/*`,
      Condition: { StringEquals: { 'AWS:SourceArn': this.distribution.arn } },
    });
  }
}
