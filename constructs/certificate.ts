import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Construct } from 'constructs';
import { checkLiterals } from './literal-rules';

export interface DnsValidatedCertificateProps {
  /** The name the certificate is for, e.g. shop.acme.example. */
  readonly domainName: string;
  /**
   * The public hosted zone that holds the validation record. ACM resolves it from the internet,
   * so it is a public zone even for an internal service.
   */
  readonly validationZoneId: string;
  /** For every name one label under domainName (`*.<domainName>`), as a shared load balancer's default. @default false */
  readonly wildcard?: boolean;
}

/**
 * An ACM certificate for one name, validated through DNS: the validation record in Route 53 and
 * a validation that waits until ACM has issued it, so listeners only ever get an issued
 * certificate. Renewal needs nothing: ACM re-checks the same record.
 */
export class DnsValidatedCertificate extends Construct {
  /** ARN of the issued certificate (known once validated). */
  readonly certificateArn: string;

  constructor(scope: Construct, id: string, props: DnsValidatedCertificateProps) {
    super(scope, id);
    checkLiterals(this.node.path, { domainName: ['hostname', props.domainName] }, { required: true });
    const certificate = new AcmCertificate(this, 'certificate', { domainName: props.wildcard ? `*.${props.domainName}` : props.domainName, validationMethod: 'DNS', lifecycle: { createBeforeDestroy: true } });
    // One name, so one validation option: the set's only element.
    const option = certificate.domainValidationOptions.get(0);
    const record = new Route53Record(this, 'validation-record', {
      zoneId: props.validationZoneId,
      name: option.resourceRecordName,
      type: option.resourceRecordType,
      records: [option.resourceRecordValue],
      ttl: 300,
      allowOverwrite: true,
    });
    const validation = new AcmCertificateValidation(this, 'validation', { certificateArn: certificate.arn, validationRecordFqdns: [record.fqdn] });
    this.certificateArn = validation.certificateArn;
  }
}
