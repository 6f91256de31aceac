import { BedrockModelInvocationLoggingConfiguration } from '@cdktf/provider-aws/lib/bedrock-model-invocation-logging-configuration';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Construct } from 'constructs';
import { stampAwsOwnership } from './aws-ownership-tags';
import { BedrockServiceRole } from './bedrock-service-role';
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
    // Bedrock writes the log for the whole account in this region, whatever resource is called.
    const role = new BedrockServiceRole(this, 'role', { environment: env, ownership: props.ownership, name: `${prefix}-bedrock-invocation-logging`, sourceResource: '*' });
    role.grant('write-log', [{ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${logGroup.arn}:log-stream:*`] }]);
    this.configuration = new BedrockModelInvocationLoggingConfiguration(this, 'configuration', {
      loggingConfig: {
        textDataDeliveryEnabled: true,
        embeddingDataDeliveryEnabled: false,
        imageDataDeliveryEnabled: false,
        videoDataDeliveryEnabled: false,
        cloudwatchConfig: { logGroupName: logGroup.name, roleArn: role.roleArn },
      },
      dependsOn: [...role.grants],
    });
  }
}
