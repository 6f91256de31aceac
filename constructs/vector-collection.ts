import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { OpensearchserverlessAccessPolicy } from '@cdktf/provider-aws/lib/opensearchserverless-access-policy';
import { OpensearchserverlessCollection } from '@cdktf/provider-aws/lib/opensearchserverless-collection';
import { OpensearchserverlessSecurityPolicy } from '@cdktf/provider-aws/lib/opensearchserverless-security-policy';
import { OpensearchserverlessVpcEndpoint } from '@cdktf/provider-aws/lib/opensearchserverless-vpc-endpoint';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { stampAwsOwnership } from './aws-ownership-tags';
import { customerManagedKey, usableThrough } from './customer-managed-key';
import type { Environment } from './environment';
import type { IGrantee } from './grantee';
import { checkName } from './names';
import type { Ownership } from './ownership';

/** OpenSearch Serverless names collections, policies and VPC endpoints alike: 3 to 32 lowercase letters, digits and hyphens. */
export const COLLECTION_NAME = { pattern: /^[a-z][a-z0-9-]{2,31}$/, maxLength: 32, text: 'lowercase letters, digits and hyphens, starting with a letter (OpenSearch Serverless)' };

export interface VectorCollectionProps {
  readonly environment: Environment;
  readonly ownership: Ownership;
  /** The collection's name, also its policies' and VPC endpoint's. */
  readonly name: string;
  /** The vector index the knowledge base reads and writes (created by the setup step). */
  readonly indexName: string;
  /** Roles that read and write documents of the index (the knowledge base's role). */
  readonly dataPrincipalArns: readonly string[];
  /** The role the setup step runs as: creates the index, nothing else. */
  readonly setupPrincipalArn: string;
}

/**
 * An OpenSearch Serverless vector-search collection that is never public: encrypted with its own
 * customer-managed key (an encryption security policy, since the collection's own kms_key_arn is
 * computed), reachable only through a VPC endpoint in the environment's private subnets and from
 * Bedrock (network security policy), and readable only by the principals its data access policy
 * names. Production keeps standby replicas in a second zone.
 */
export class VectorCollection extends Construct {
  readonly collection: OpensearchserverlessCollection;
  readonly collectionArn: string;
  readonly collectionName: string;
  readonly endpoint: string;
  readonly indexName: string;
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: VectorCollectionProps) {
    super(scope, id);
    const env = props.environment;
    stampAwsOwnership(this, props.ownership, env.defaultTags);
    const name = checkName(this.node.path, 'OpenSearch Serverless collection', props.name, COLLECTION_NAME);
    this.collectionName = name;
    this.indexName = props.indexName;
    this.key = customerManagedKey(this, 'key', {
      description: `Encrypts the OpenSearch Serverless collection ${name}`,
      accountId: env.accountId,
      production: env.isProduction,
      serviceStatement: usableThrough('OpenSearchServerlessEncrypts', env.accountId, [`aoss.${env.region}.amazonaws.com`]),
    });
    const collectionRule = { ResourceType: 'collection', Resource: [`collection/${name}`] };
    const encryption = new OpensearchserverlessSecurityPolicy(this, 'encryption-policy', {
      name,
      type: 'encryption',
      description: `Customer-managed key of ${name}`,
      policy: Fn.jsonencode({ Rules: [collectionRule], AWSOwnedKey: false, KmsARN: this.key.arn }),
    });
    const endpointGroup = new SecurityGroup(this, 'endpoint-security-group', {
      name: `${name}-aoss-endpoint`,
      description: `VPC endpoint of the collection ${name}: HTTPS from the VPC`,
      vpcId: env.vpcId,
      tags: { Name: `${name}-aoss-endpoint` },
    });
    new VpcSecurityGroupIngressRule(this, 'endpoint-https', { securityGroupId: endpointGroup.id, ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv4: env.settings.cidr, description: 'HTTPS from the VPC (the setup step)' });
    const vpcEndpoint = new OpensearchserverlessVpcEndpoint(this, 'vpc-endpoint', { name, vpcId: env.vpcId, subnetIds: env.privateSubnetIds, securityGroupIds: [endpointGroup.id] });
    const network = new OpensearchserverlessSecurityPolicy(this, 'network-policy', {
      name,
      type: 'network',
      description: `No public access to ${name}: its VPC endpoint and Bedrock only`,
      policy: Fn.jsonencode([{ Rules: [collectionRule], AllowFromPublic: false, SourceVPCEs: [vpcEndpoint.id], SourceServices: ['bedrock.amazonaws.com'] }]),
    });
    const index = { ResourceType: 'index', Resource: [`index/${name}/${props.indexName}`] };
    new OpensearchserverlessAccessPolicy(this, 'access-policy', {
      name,
      type: 'data',
      description: `Who reads and writes ${name}`,
      policy: Fn.jsonencode([
        { Description: 'The knowledge base reads and writes its index', Rules: [{ ...index, Permission: ['aoss:DescribeIndex', 'aoss:ReadDocument', 'aoss:WriteDocument', 'aoss:UpdateIndex'] }, { ...collectionRule, Permission: ['aoss:DescribeCollectionItems'] }], Principal: [...props.dataPrincipalArns] },
        { Description: 'The setup step creates the index', Rules: [{ ...index, Permission: ['aoss:CreateIndex', 'aoss:DescribeIndex', 'aoss:UpdateIndex'] }], Principal: [props.setupPrincipalArn] },
      ]),
    });
    this.collection = new OpensearchserverlessCollection(this, 'collection', {
      name,
      type: 'VECTORSEARCH',
      description: `Vector store of ${props.ownership.service} in ${env.name}`,
      standbyReplicas: env.isProduction ? 'ENABLED' : 'DISABLED',
      dependsOn: [encryption, network],
    });
    this.collectionArn = this.collection.arn;
    this.endpoint = this.collection.collectionEndpoint;
  }

  /** Lets a grantee call the collection's data plane (the access policy narrows it to the index). */
  grantDataAccess(grantee: IGrantee): void {
    grantee.grant(`${this.node.id}-data`, [{ actions: ['aoss:APIAccessAll'], resources: [this.collectionArn] }]);
  }
}
