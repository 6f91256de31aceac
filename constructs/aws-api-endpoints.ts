import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';

/** AWS APIs the golden paths' pods call: STS (IRSA credentials) and SQS, through interface endpoints. */
export const INTERFACE_ENDPOINT_SERVICES = ['sts', 'sqs'] as const;

export interface AwsApiEndpointsProps {
  readonly prefix: string;
  readonly region: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly privateSubnetIds: readonly string[];
  readonly privateRouteTableIds: readonly string[];
}

/**
 * VPC endpoints for the AWS APIs workloads call, so their security groups need no route to the
 * internet: STS and SQS as interface endpoints with private DNS (the SDKs' default host names
 * resolve to them), S3 as a gateway endpoint (free; reached through its prefix list). The
 * endpoints' security group admits HTTPS from the VPC and has no egress.
 */
export class AwsApiEndpoints extends Construct {
  readonly securityGroup: SecurityGroup;
  /** The S3 gateway endpoint's managed prefix list: the destination of S3 egress rules. */
  readonly s3PrefixListId: string;

  constructor(scope: Construct, id: string, props: AwsApiEndpointsProps) {
    super(scope, id);
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${props.prefix}-aws-endpoints`,
      description: 'VPC endpoints of AWS APIs: HTTPS from the VPC only',
      vpcId: props.vpcId,
      tags: { Name: `${props.prefix}-aws-endpoints` },
    });
    new VpcSecurityGroupIngressRule(this, 'https-from-vpc', { securityGroupId: this.securityGroup.id, ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv4: props.vpcCidr, description: 'HTTPS from the VPC' });
    for (const service of INTERFACE_ENDPOINT_SERVICES) {
      new VpcEndpoint(this, service, {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: [...props.privateSubnetIds],
        securityGroupIds: [this.securityGroup.id],
        tags: { Name: `${props.prefix}-${service}` },
      });
    }
    const s3 = new VpcEndpoint(this, 's3', {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: [...props.privateRouteTableIds],
      tags: { Name: `${props.prefix}-s3` },
    });
    this.s3PrefixListId = s3.prefixListId;
  }
}
