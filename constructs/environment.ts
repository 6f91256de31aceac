import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import type { EnvironmentSettings, OrganisationSettings } from '../model/organisation-settings';
import { stampAwsOwnership } from './aws-ownership-tags';
import { cidrSubnet } from './cidr';
import { AwsApiEndpoints } from './aws-api-endpoints';
import { customerManagedKey } from './customer-managed-key';
import { Ownership } from './ownership';

export interface EnvironmentProps {
  /** Environment name: a key of the organisation's environments. */
  readonly name: string;
  /** The organisation's settings (validated). */
  readonly organisation: OrganisationSettings;
  /** Ownership of the shared network (the platform team), in this environment. */
  readonly ownership: Ownership;
  /**
   * Days VPC flow logs are kept.
   * @default 365 in production, 30 elsewhere
   */
  readonly flowLogRetentionDays?: number;
}

/**
 * One environment's AWS footprint: the provider (region, account guard, default tags) and a VPC
 * with public and private subnets in every zone. Production gets a NAT gateway per zone so a
 * zone outage does not cut egress; other environments share one.
 */
export class Environment extends Construct {
  readonly name: string;
  readonly settings: EnvironmentSettings;
  readonly isProduction: boolean;
  readonly region: string;
  readonly availabilityZones: readonly string[];
  /** The account id: the configured one, else looked up from the credentials at plan. */
  readonly accountId: string;
  readonly provider: AwsProvider;
  /** Tags the provider stamps on every taggable resource of the environment. */
  readonly defaultTags: Readonly<Record<string, string>>;
  /** ARN of the environment's KMS key for CloudWatch log groups (CloudWatch Logs may use it for this account's log groups only). */
  readonly logsKeyArn: string;
  readonly vpc: Vpc;
  readonly vpcId: string;
  readonly publicSubnetIds: string[];
  readonly privateSubnetIds: string[];
  readonly natGatewayCount: number;
  /** VPC endpoints of the AWS APIs workloads call (STS, SQS, S3): their egress stays inside the VPC. */
  readonly awsApiEndpoints: AwsApiEndpoints;

  constructor(scope: Construct, id: string, props: EnvironmentProps) {
    super(scope, id);
    this.name = props.name;
    this.settings = props.organisation.environments[props.name];
    this.isProduction = this.settings.production === true;
    this.region = this.settings.region;
    this.availabilityZones = this.settings.availabilityZones ?? ['a', 'b', ...(this.isProduction ? ['c'] : [])].map((z) => `${this.region}${z}`);
    this.defaultTags = Ownership.environmentTags(props.organisation, props.name);

    this.provider = new AwsProvider(this, 'aws', {
      region: this.region,
      allowedAccountIds: this.settings.accountId ? [this.settings.accountId] : undefined,
      defaultTags: [{ tags: { ...this.defaultTags } }],
    });
    this.accountId = this.settings.accountId ?? new DataAwsCallerIdentity(this, 'caller').accountId;

    stampAwsOwnership(this, props.ownership, this.defaultTags);
    const prefix = `${props.organisation.name}-${props.name}`;

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: this.settings.cidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: prefix },
    });
    this.vpcId = this.vpc.id;
    // A VPC's default security group allows all traffic between its members: close it.
    new DefaultSecurityGroup(this, 'default-security-group', { vpcId: this.vpc.id, tags: { Name: `${prefix}-default-closed` } });

    const igw = new InternetGateway(this, 'internet-gateway', { vpcId: this.vpc.id, tags: { Name: prefix } });
    const publicRoutes = new RouteTable(this, 'public-routes', {
      vpcId: this.vpc.id,
      route: [{ cidrBlock: '0.0.0.0/0', gatewayId: igw.id }],
      tags: { Name: `${prefix}-public` },
    });

    // Public subnets take the lower half of the block, private subnets the upper half.
    const zones = this.availabilityZones.length;
    const newBits = Math.ceil(Math.log2(zones * 2));
    const half = 2 ** newBits / 2;
    this.natGatewayCount = this.isProduction ? zones : 1;
    const publicSubnets = this.availabilityZones.map((az, i) => {
      const subnet = new Subnet(this, `public-${az}`, {
        vpcId: this.vpc.id,
        availabilityZone: az,
        cidrBlock: cidrSubnet(this.settings.cidr, newBits, i),
        tags: { Name: `${prefix}-public-${az}`, 'kubernetes.io/role/elb': '1' },
      });
      new RouteTableAssociation(this, `public-${az}-routes`, { subnetId: subnet.id, routeTableId: publicRoutes.id });
      return subnet;
    });
    const natGateways = publicSubnets.slice(0, this.natGatewayCount).map((subnet, i) => {
      const az = this.availabilityZones[i];
      const eip = new Eip(this, `nat-${az}-ip`, { domain: 'vpc', tags: { Name: `${prefix}-nat-${az}` } });
      return new NatGateway(this, `nat-${az}`, { allocationId: eip.id, subnetId: subnet.id, tags: { Name: `${prefix}-nat-${az}` }, dependsOn: [igw] });
    });
    const privateRouteTables: RouteTable[] = [];
    const privateSubnets = this.availabilityZones.map((az, i) => {
      const subnet = new Subnet(this, `private-${az}`, {
        vpcId: this.vpc.id,
        availabilityZone: az,
        cidrBlock: cidrSubnet(this.settings.cidr, newBits, half + i),
        tags: { Name: `${prefix}-private-${az}`, 'kubernetes.io/role/internal-elb': '1' },
      });
      const routes = new RouteTable(this, `private-${az}-routes`, {
        vpcId: this.vpc.id,
        route: [{ cidrBlock: '0.0.0.0/0', natGatewayId: natGateways[i % natGateways.length].id }],
        tags: { Name: `${prefix}-private-${az}` },
      });
      new RouteTableAssociation(this, `private-${az}-association`, { subnetId: subnet.id, routeTableId: routes.id });
      privateRouteTables.push(routes);
      return subnet;
    });
    this.publicSubnetIds = publicSubnets.map((s) => s.id);
    this.privateSubnetIds = privateSubnets.map((s) => s.id);
    this.awsApiEndpoints = new AwsApiEndpoints(this, 'aws-api-endpoints', { prefix, region: this.region, vpcId: this.vpc.id, vpcCidr: this.settings.cidr, privateSubnetIds: this.privateSubnetIds, privateRouteTableIds: privateRouteTables.map((r) => r.id) });

    this.logsKeyArn = this.addLogsKey(prefix);
    this.addFlowLogs(prefix, props.flowLogRetentionDays ?? (this.isProduction ? 365 : 30));
  }

  /** One customer-managed key per environment for its log groups, rotated yearly; only CloudWatch Logs of this account and region may use it. */
  private addLogsKey(prefix: string): string {
    const key = customerManagedKey(this, 'logs-key', {
      description: `Encrypts the CloudWatch log groups of ${prefix}`,
      accountId: this.accountId,
      production: this.isProduction,
      serviceStatement: {
        Sid: 'CloudWatchLogsEncrypts',
        Effect: 'Allow',
        Principal: { Service: `logs.${this.region}.amazonaws.com` },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Resource: '*',
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${this.region}:${this.accountId}:log-group:*` } },
      },
    });
    new KmsAlias(this, 'logs-key-alias', { name: `alias/${prefix}-logs`, targetKeyId: key.keyId });
    return key.arn;
  }

  /** VPC flow logs to CloudWatch, kept for a bounded time. */
  private addFlowLogs(prefix: string, retentionDays: number): void {
    const logGroup = new CloudwatchLogGroup(this, 'flow-logs', { name: `/groundwork/${prefix}/vpc-flow-logs`, retentionInDays: retentionDays, kmsKeyId: this.logsKeyArn });
    const role = new IamRole(this, 'flow-logs-role', {
      name: `${prefix}-vpc-flow-logs`,
      assumeRolePolicy: Fn.jsonencode({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Action: 'sts:AssumeRole',
            // Only flow logs of this account and region may assume it (confused deputy).
            Condition: { StringEquals: { 'aws:SourceAccount': this.accountId }, ArnLike: { 'aws:SourceArn': `arn:aws:ec2:${this.region}:${this.accountId}:vpc-flow-log/*` } },
          },
        ],
      }),
    });
    new IamRolePolicy(this, 'flow-logs-policy', {
      role: role.id,
      policy: Fn.jsonencode({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], Resource: `${logGroup.arn}:*` }],
      }),
    });
    new FlowLog(this, 'flow-log', { vpcId: this.vpc.id, trafficType: 'REJECT', logDestination: logGroup.arn, iamRoleArn: role.arn, tags: { Name: `${prefix}-vpc` } });
  }
}
