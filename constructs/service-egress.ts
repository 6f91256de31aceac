import { VpcSecurityGroupEgressRule, VpcSecurityGroupEgressRuleConfig } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { Construct } from 'constructs';
import { checkChoice } from './literal-rules';

/** Where a workload may open connections beyond its own data stores, AWS APIs and DNS: nowhere else ('vpc'), or HTTPS anywhere ('internet'). */
export type Egress = 'vpc' | 'internet';
export const EGRESSES: readonly Egress[] = ['vpc', 'internet'];

export interface ServiceEgressProps {
  /** The service's security group (its pods'). */
  readonly securityGroupId: string;
  readonly vpcCidr: string;
  /** Security group of the VPC endpoints of AWS APIs (STS for IRSA, SQS). */
  readonly awsEndpointsSecurityGroupId: string;
  /** The S3 gateway endpoint's prefix list, where the service has a bucket. @default no S3 */
  readonly s3PrefixListId?: string;
  /** Its database: by security group where Groundwork made it, else the VPC on its port. @default none */
  readonly database?: { readonly securityGroupId?: string; readonly port: number };
  /** @default 'vpc' */
  readonly egress?: Egress;
}

/**
 * The outbound rules of a service's security group, each to what the service uses: DNS in the
 * VPC, HTTPS to the AWS API endpoints (and S3 where it has a bucket), its database on its port,
 * and HTTPS to the internet only where it asks for `egress: 'internet'`. No rule of all protocols.
 */
export class ServiceEgress extends Construct {
  constructor(scope: Construct, id: string, props: ServiceEgressProps) {
    super(scope, id);
    checkChoice(this.node.path, 'egress', props.egress, EGRESSES);
    const rule = (ruleId: string, config: Omit<VpcSecurityGroupEgressRuleConfig, 'securityGroupId'>) => new VpcSecurityGroupEgressRule(this, ruleId, { securityGroupId: props.securityGroupId, ...config });
    for (const protocol of ['udp', 'tcp']) rule(`dns-${protocol}`, { ipProtocol: protocol, fromPort: 53, toPort: 53, cidrIpv4: props.vpcCidr, description: `DNS (${protocol.toUpperCase()}) in the VPC: CoreDNS and the VPC resolver` });
    rule('aws-apis', { ipProtocol: 'tcp', fromPort: 443, toPort: 443, referencedSecurityGroupId: props.awsEndpointsSecurityGroupId, description: 'HTTPS to the VPC endpoints of AWS APIs (STS, SQS)' });
    if (props.s3PrefixListId) rule('s3', { ipProtocol: 'tcp', fromPort: 443, toPort: 443, prefixListId: props.s3PrefixListId, description: 'HTTPS to S3 through its gateway endpoint' });
    if (props.database) {
      const { securityGroupId, port } = props.database;
      rule('database', { ipProtocol: 'tcp', fromPort: port, toPort: port, ...(securityGroupId ? { referencedSecurityGroupId: securityGroupId } : { cidrIpv4: props.vpcCidr }), description: 'PostgreSQL: its database' });
    }
    if (props.egress === 'internet') rule('internet-https', { ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv4: '0.0.0.0/0', description: "HTTPS to the internet (egress: 'internet')" });
  }
}
