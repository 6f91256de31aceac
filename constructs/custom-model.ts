import { BedrockCustomModel } from '@cdktf/provider-aws/lib/bedrock-custom-model';
import { BedrockProvisionedModelThroughput } from '@cdktf/provider-aws/lib/bedrock-provisioned-model-throughput';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import { stampAwsOwnership } from './aws-ownership-tags';
import { BedrockServiceRole } from './bedrock-service-role';
import type { IBucket } from './bucket';
import { customerManagedKey, usableThrough } from './customer-managed-key';
import { foundationModelArn } from './embedding-models';
import type { Environment } from './environment';
import type { IGrantee } from './grantee';
import { checkName, NAME_RULES } from './names';
import type { Ownership } from './ownership';

export type CustomizationType = 'FINE_TUNING' | 'CONTINUED_PRE_TRAINING';
export const CUSTOMIZATION_TYPES: readonly CustomizationType[] = ['FINE_TUNING', 'CONTINUED_PRE_TRAINING'];

/** Hyperparameters of a customization job, validated by the golden path; Bedrock takes them as strings. */
export interface Hyperparameters {
  readonly epochCount: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly learningRateWarmupSteps: number;
}

export interface CustomModelProps {
  readonly environment: Environment;
  readonly ownership: Ownership;
  /** The custom model's name, also the job's (with -job) and the provisioned throughput's. */
  readonly name: string;
  /** Bedrock base model ID, e.g. amazon.titan-text-express-v1. */
  readonly baseModel: string;
  readonly customizationType: CustomizationType;
  readonly hyperparameters: Hyperparameters;
  readonly trainingBucket: IBucket;
  /** Object key of the JSONL training data in the training bucket. */
  readonly trainingDataKey: string;
  readonly outputBucket: IBucket;
  /** Model units of provisioned throughput that serve the model, without commitment (hourly). @default not served */
  readonly modelUnits?: number;
}

/**
 * A Bedrock model customization job and the model it makes: trained from the training bucket,
 * results to the output bucket, the model encrypted with its own customer-managed key, by a role
 * Bedrock assumes that may read the training data, write the output and use that key only.
 * Served through provisioned throughput when asked for, else not at all.
 */
export class CustomModel extends Construct {
  readonly model: BedrockCustomModel;
  readonly customModelArn: string;
  readonly key: KmsKey;
  readonly throughput?: BedrockProvisionedModelThroughput;

  constructor(scope: Construct, id: string, props: CustomModelProps) {
    super(scope, id);
    const env = props.environment;
    stampAwsOwnership(this, props.ownership, env.defaultTags);
    this.key = customerManagedKey(this, 'key', {
      description: `Encrypts the custom model ${props.name}`,
      accountId: env.accountId,
      production: env.isProduction,
      serviceStatement: usableThrough('BedrockEncryptsTheModel', env.accountId, [`bedrock.${env.region}.amazonaws.com`]),
    });
    checkName(this.node.path, 'Bedrock custom model', `${props.name}-job`, NAME_RULES.bedrockName);
    const role = new BedrockServiceRole(this, 'role', { environment: env, ownership: props.ownership, name: `${props.name}-training`, sourceResource: 'model-customization-job/*' });
    props.trainingBucket.grantRead(role);
    props.outputBucket.grantReadWrite(role);
    this.grantKey(role);
    const h = props.hyperparameters;
    this.model = new BedrockCustomModel(this, 'model', {
      customModelName: props.name,
      jobName: `${props.name}-job`,
      baseModelIdentifier: foundationModelArn(env.region, props.baseModel),
      customizationType: props.customizationType,
      customModelKmsKeyId: this.key.arn,
      roleArn: role.roleArn,
      hyperparameters: { epochCount: String(h.epochCount), batchSize: String(h.batchSize), learningRate: String(h.learningRate), learningRateWarmupSteps: String(h.learningRateWarmupSteps) },
      trainingDataConfig: [{ s3Uri: `s3://${props.trainingBucket.bucketName}/${props.trainingDataKey}` }],
      outputDataConfig: [{ s3Uri: `s3://${props.outputBucket.bucketName}/` }],
      dependsOn: [...role.grants],
    });
    this.customModelArn = this.model.customModelArn;
    if (props.modelUnits !== undefined) {
      this.throughput = new BedrockProvisionedModelThroughput(this, 'throughput', { provisionedModelName: props.name, modelArn: this.customModelArn, modelUnits: props.modelUnits });
    }
  }

  private grantKey(grantee: IGrantee): void {
    grantee.grant(`${this.node.id}-key`, [{ actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:CreateGrant'], resources: [this.key.arn] }]);
  }
}
