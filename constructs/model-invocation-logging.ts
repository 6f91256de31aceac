import { BedrockModelInvocationLoggingConfiguration } from '@cdktf/provider-aws/lib/bedrock-model-invocation-logging-configuration';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { stampAwsOwnership } from './aws-ownership-tags';
import type { Environment } from './environment';
import type { Ownership } from './ownership';

export interface ModelInvocationLoggingProps {
  /** The environment (one account and region: the setting is theirs, not a resource's). */
  readonly environment: Environment;
  /** The platform's ownership. */
  readonly ownership: Ownership;
  /** The organisation's name, the first part of the names it creates. */
  readonly organisationName: string;
}

/**
 * Bedrock model invocation logging of one environment: every model call of the account in its
 * region, prompts and responses included, to a platform log group encrypted with the
 * environment's logs key. The setting has no name and exists once per account and region, so
 * the platform creates it (never a golden path) and AI golden paths check that it exists.
 */
export class ModelInvocationLogging extends Construct {
  readonly logGroupName: string;
  readonly configuration: BedrockModelInvocationLoggingConfiguration;

  constructor(scope: Construct, id: string, props: ModelInvocationLoggingProps) {
    super(scope, id);
    const env = props.environment;
    stampAwsOwnership(this, props.ownership, env.defaultTags);
    const prefix = `${props.organisationName}-${env.name}`;
    this.logGroupName = `/groundwork/${prefix}/bedrock-invocations`;
    const logGroup = new CloudwatchLogGroup(this, 'log-group', { name: this.logGroupName, retentionInDays: env.isProduction ? 365 : 90, kmsKeyId: env.logsKeyArn });
    const role = new IamRole(this, 'role', {
      name: `${prefix}-bedrock-invocation-logging`,
      description: `Bedrock writes the model invocation log of ${prefix}`,
      assumeRolePolicy: Fn.jsonencode({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'bedrock.amazonaws.com' },
            Action: 'sts:AssumeRole',
            // Only Bedrock acting for this account and region (confused deputy).
            Condition: { StringEquals: { 'aws:SourceAccount': env.accountId }, ArnLike: { 'aws:SourceArn': `arn:aws:bedrock:${env.region}:${env.accountId}:*` } },
          },
        ],
      }),
    });
    const policy = new IamRolePolicy(this, 'policy', {
      role: role.id,
      policy: Fn.jsonencode({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${logGroup.arn}:log-stream:*` }] }),
    });
    this.configuration = new BedrockModelInvocationLoggingConfiguration(this, 'configuration', {
      loggingConfig: {
        textDataDeliveryEnabled: true,
        embeddingDataDeliveryEnabled: false,
        imageDataDeliveryEnabled: false,
        videoDataDeliveryEnabled: false,
        cloudwatchConfig: { logGroupName: logGroup.name, roleArn: role.arn },
      },
      dependsOn: [policy],
    });
  }
}
