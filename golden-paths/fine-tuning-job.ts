import { Construct } from 'constructs';
import { GroundworkError } from '../model/errors';
import { NAME_PATTERN } from '../model/ownership-record';
import { Bucket } from '../constructs/bucket';
import { CustomizationType, CUSTOMIZATION_TYPES, CustomModel } from '../constructs/custom-model';
import { ServiceObservability } from '../constructs/service-observability';
import { GoldenPathDefinition, withDefaults } from './golden-path-definition';
import { aiSettings } from './knowledge-base';
import type { Organisation } from './organisation';
import { GoldenPathProps, GoldenPathService } from './service-base';

/** A Bedrock model ID such as amazon.titan-text-express-v1 or meta.llama3-1-8b-instruct-v1:0. */
const MODEL_ID = /^[a-z0-9-]{1,32}\.[a-z0-9.-]{1,60}(:[0-9]{1,3})?$/;
/** An S3 object key of plain path characters (no spaces, no "..", no leading "/"). */
const OBJECT_KEY = /^(?!.*\.\.)(?!\/)[A-Za-z0-9!_.*'()/-]{1,512}$/;
/** A decimal learning rate: Bedrock's range for its customizable models is 1e-7 to 1e-1. */
const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]{1,12})?$/;

export function learningRateProblem(value: string): string | undefined {
  if (!DECIMAL.test(value)) return 'must be a decimal number such as 0.00001';
  const rate = Number(value);
  return rate >= 1e-7 && rate <= 0.1 ? undefined : 'must be from 0.0000001 to 0.1';
}

/** The fine-tuning defaults, stated once: the class applies them, its options show them. */
export const FINE_TUNING_DEFAULTS = { customizationType: 'FINE_TUNING', epochs: 2, batchSize: 1, learningRate: '0.00001', warmupSteps: 0, trainingDataKey: 'train.jsonl', perEnvironment: false } as const satisfies Partial<FineTuningJobProps>;

export interface FineTuningJobProps extends GoldenPathProps {
  /** Bedrock base model ID to customize, e.g. amazon.titan-text-express-v1. */
  readonly baseModel: string;
  /** @default 'FINE_TUNING' */
  readonly customizationType?: CustomizationType;
  /** Passes over the training data, 1 to 10. @default 2 */
  readonly epochs?: number;
  /** Records per training step, 1 to 64. @default 1 */
  readonly batchSize?: number;
  /** Decimal, 0.0000001 to 0.1. @default '0.00001' */
  readonly learningRate?: string;
  /** Steps the learning rate ramps up over, 0 to 250. @default 0 */
  readonly warmupSteps?: number;
  /** Object key of the JSONL training data in the training bucket (it must be there when the job is created). @default 'train.jsonl' */
  readonly trainingDataKey?: string;
  /** Model units of provisioned throughput serving the model (hourly, no commitment). @default not served */
  readonly modelUnits?: number;
  /** Train in every environment of the service instead of once. @default false */
  readonly perEnvironment?: boolean;
  /** Where the one job runs. @default the service's first production environment, else its first */
  readonly jobEnvironment?: string;
}

/** What the job has in one environment. */
export interface FineTuningEnvironment {
  readonly trainingBucket: Bucket;
  readonly outputBucket: Bucket;
  readonly model: CustomModel;
  readonly observability: ServiceObservability;
}

/**
 * The golden path for fine-tuning: a Bedrock model customization job from a private training
 * bucket to a private output bucket, the model encrypted with its own key, hyperparameters
 * validated, served through provisioned throughput or not at all. It runs once (a job trains
 * once; the model is the result), in every environment only when perEnvironment says so.
 * Needs the platform's model invocation logging where it runs.
 */
export class FineTuningJob extends GoldenPathService {
  readonly environments: Readonly<Record<string, FineTuningEnvironment>>;

  constructor(organisation: Organisation, name: string, readonly props: FineTuningJobProps) {
    super(organisation, name, props, FINE_TUNING_JOB_PATH);
    const where = `Service "${name}" (${FINE_TUNING_JOB_PATH.name})`;
    aiSettings(organisation, where);
    const environments: Record<string, FineTuningEnvironment> = {};
    for (const envName of this.trainingEnvironments(where)) {
      const stacks = organisation.environments[envName];
      organisation.invocationLogging(envName, where);
      const env = stacks.network;
      const ownership = this.ownershipIn(envName);
      const scope = new Construct(stacks.aws, name);
      const bucket = (id: string) => new Bucket(scope, id, { environment: env, organisationName: organisation.settings.name, ownership });
      const trainingBucket = bucket('training');
      const outputBucket = bucket('output');
      const model = new CustomModel(scope, 'custom-model', {
        environment: env,
        ownership,
        name: `${name}-${envName}`,
        baseModel: props.baseModel,
        customizationType: props.customizationType ?? FINE_TUNING_DEFAULTS.customizationType,
        hyperparameters: { epochCount: props.epochs ?? FINE_TUNING_DEFAULTS.epochs, batchSize: props.batchSize ?? FINE_TUNING_DEFAULTS.batchSize, learningRate: Number(props.learningRate ?? FINE_TUNING_DEFAULTS.learningRate), learningRateWarmupSteps: props.warmupSteps ?? FINE_TUNING_DEFAULTS.warmupSteps },
        trainingBucket,
        trainingDataKey: props.trainingDataKey ?? FINE_TUNING_DEFAULTS.trainingDataKey,
        outputBucket,
        modelUnits: props.modelUnits,
      });
      const observability = new ServiceObservability(scope, 'observability', { environment: env, ownership, alertTopicArn: organisation.alertTopic(ownership.owner, envName).topicArn });
      this.uses(stacks.aws, envName, observability);
      environments[envName] = { trainingBucket, outputBucket, model, observability };
    }
    this.environments = environments;
    this.recordMetadata();
  }

  /** Every environment with perEnvironment, else the one job environment. */
  private trainingEnvironments(where: string): readonly string[] {
    const { perEnvironment, jobEnvironment } = this.props;
    if (perEnvironment) {
      if (jobEnvironment !== undefined) throw new GroundworkError(`${where}: prop jobEnvironment chooses the one environment a job runs in; it cannot be given with perEnvironment: true.`);
      return this.environmentNames;
    }
    if (jobEnvironment !== undefined) {
      if (!this.environmentNames.includes(jobEnvironment)) throw new GroundworkError(`${where}: prop jobEnvironment "${jobEnvironment}" is not an environment the service runs in (${this.environmentNames.join(', ')}).`);
      return [jobEnvironment];
    }
    const production = this.environmentNames.find((e) => this.organisation.settings.environments[e].production);
    return [production ?? this.environmentNames[0]];
  }
}

/** The fine-tuning-job golden path as data: `npm run golden-paths`, `new-service` and props validation read it. */
export const FINE_TUNING_JOB_PATH: GoldenPathDefinition = {
  name: 'fine-tuning-job',
  className: FineTuningJob.name,
  summary: 'A Bedrock model customization job, once (or per environment): private training and output buckets, the model encrypted with its own key, validated hyperparameters, served through provisioned throughput or not at all.',
  defaults: FINE_TUNING_DEFAULTS,
  operations: [],
  options: withDefaults(FINE_TUNING_DEFAULTS, [
    { flag: 'base-model', prop: 'baseModel', type: 'string', description: 'Bedrock base model ID to customize, e.g. amazon.titan-text-express-v1', default: '(required)', required: true, pattern: MODEL_ID },
    { flag: 'customization-type', prop: 'customizationType', type: 'string', description: 'FINE_TUNING (labelled examples) or CONTINUED_PRE_TRAINING (unlabelled text)', choices: CUSTOMIZATION_TYPES },
    { flag: 'epochs', prop: 'epochs', type: 'integer', description: 'passes over the training data', min: 1, max: 10 },
    { flag: 'batch-size', prop: 'batchSize', type: 'integer', description: 'records per training step', min: 1, max: 64 },
    { flag: 'learning-rate', prop: 'learningRate', type: 'string', description: 'learning rate, a decimal from 0.0000001 to 0.1', check: learningRateProblem },
    { flag: 'warmup-steps', prop: 'warmupSteps', type: 'integer', description: 'steps the learning rate ramps up over', min: 0, max: 250 },
    { flag: 'training-data-key', prop: 'trainingDataKey', type: 'string', description: 'object key of the JSONL training data in the training bucket', pattern: OBJECT_KEY },
    { flag: 'model-units', prop: 'modelUnits', type: 'integer', description: 'model units of provisioned throughput serving the model (hourly)', default: 'not served', min: 1, max: 100 },
    { flag: 'per-environment', prop: 'perEnvironment', type: 'boolean', description: 'train in every environment instead of once' },
    { flag: 'job-environment', prop: 'jobEnvironment', type: 'string', description: 'the one environment the job runs in', default: 'the first production environment', pattern: NAME_PATTERN },
  ]),
};
