import { BedrockagentDataSource } from '@cdktf/provider-aws/lib/bedrockagent-data-source';
import { BedrockagentKnowledgeBase } from '@cdktf/provider-aws/lib/bedrockagent-knowledge-base';
import { CloudwatchLogDelivery } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery';
import { CloudwatchLogDeliveryDestination } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery-destination';
import { CloudwatchLogDeliverySource } from '@cdktf/provider-aws/lib/cloudwatch-log-delivery-source';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { Construct } from 'constructs';
import { GroundworkError } from '../model/errors';
import { stampAwsOwnership } from './aws-ownership-tags';
import { BedrockServiceRole } from './bedrock-service-role';
import type { IBucket } from './bucket';
import { foundationModelArn } from './embedding-models';
import type { Environment } from './environment';
import type { IGrantee } from './grantee';
import type { ModelGuardrail } from './model-guardrail';
import { checkName, checkRange, NAME_RULES } from './names';
import type { Ownership } from './ownership';
import type { ServiceObservability } from './service-observability';
import { VECTOR_TABLE, VectorCluster } from './vector-cluster';
import { VectorCollection } from './vector-collection';
import { INDEX_FIELDS } from './vector-store-setup';

/** How documents are split before they are embedded. */
export type Chunking = { readonly strategy: 'none' } | { readonly strategy: 'fixed-size'; /** 20 to 8192. @default 300 */ readonly maxTokens?: number; /** 1 to 99. @default 20 */ readonly overlapPercentage?: number };
export const CHUNKING_STRATEGIES = ['fixed-size', 'none'] as const;

export interface KnowledgeBaseProps {
  readonly environment: Environment;
  readonly ownership: Ownership;
  readonly name: string;
  /** The private bucket the documents are read from. */
  readonly dataBucket: IBucket;
  readonly embeddingModel: { readonly modelId: string; readonly dimensions: number };
  readonly store: VectorCollection | VectorCluster;
  /** The role Bedrock ingests with: made before the store, whose data access policy names it; granted that bucket, store and model here. */
  readonly role: BedrockServiceRole;
  /** @default fixed-size, 300 tokens, 20% overlap */
  readonly chunking?: Chunking;
  /** Where ingestion logs go and the ingestion-failure alarm notifies. */
  readonly observability: ServiceObservability;
  /** The guardrail model calls made with this knowledge base must pass. @default none */
  readonly guardrail?: ModelGuardrail;
}

/** The data source's chunking configuration, validated. */
function chunkingConfiguration(where: string, chunking: Chunking = { strategy: 'fixed-size' }) {
  if (chunking.strategy === 'none') return { chunkingStrategy: 'NONE' };
  if (chunking.strategy !== 'fixed-size') throw new GroundworkError(`${where}: chunking strategy "${String((chunking as { strategy: unknown }).strategy)}" is not one of ${CHUNKING_STRATEGIES.join(', ')}.`);
  const maxTokens = checkRange(where, 'chunking.maxTokens', chunking.maxTokens ?? 300, 20, 8192);
  const overlapPercentage = checkRange(where, 'chunking.overlapPercentage', chunking.overlapPercentage ?? 20, 1, 99);
  return { chunkingStrategy: 'FIXED_SIZE', fixedSizeChunkingConfiguration: [{ maxTokens, overlapPercentage }] };
}

/**
 * A Bedrock knowledge base in one environment: an S3 data source (the service's private bucket),
 * an embedding model, a vector store, and the role Bedrock ingests with, allowed that bucket,
 * that store and that model only. Ingestion logs go to the service's log group; a failed
 * ingestion job or document raises an alarm.
 */
export class KnowledgeBase extends Construct {
  readonly knowledgeBase: BedrockagentKnowledgeBase;
  readonly knowledgeBaseArn: string;
  readonly knowledgeBaseId: string;
  readonly dataSource: BedrockagentDataSource;
  readonly role: BedrockServiceRole;
  private readonly guardrail?: ModelGuardrail;
  private readonly region: string;

  constructor(scope: Construct, id: string, props: KnowledgeBaseProps) {
    super(scope, id);
    const env = props.environment;
    const where = this.node.path;
    stampAwsOwnership(this, props.ownership, env.defaultTags);
    const vectorIngestion = chunkingConfiguration(where, props.chunking);
    this.guardrail = props.guardrail;
    this.region = env.region;
    const modelArn = foundationModelArn(env.region, props.embeddingModel.modelId);

    checkName(where, 'Bedrock knowledge base', props.name, NAME_RULES.bedrockName);
    this.role = props.role;
    props.dataBucket.grantRead(this.role);
    this.role.grant('embedding-model', [{ actions: ['bedrock:InvokeModel'], resources: [modelArn] }]);
    const store = props.store;
    if (store instanceof VectorCollection) store.grantDataAccess(this.role);
    else store.grantDataApi(this.role);

    this.knowledgeBase = new BedrockagentKnowledgeBase(this, 'knowledge-base', {
      name: props.name,
      description: `Knowledge base of ${props.ownership.service} in ${env.name}`,
      roleArn: this.role.roleArn,
      knowledgeBaseConfiguration: [{ type: 'VECTOR', vectorKnowledgeBaseConfiguration: [{ embeddingModelArn: modelArn }] }],
      storageConfiguration: [store instanceof VectorCollection ? this.openSearch(store) : this.aurora(store)],
      dependsOn: [...this.role.grants],
    });
    this.knowledgeBaseArn = this.knowledgeBase.arn;
    this.knowledgeBaseId = this.knowledgeBase.id;
    this.dataSource = new BedrockagentDataSource(this, 'data-source', {
      knowledgeBaseId: this.knowledgeBase.id,
      name: `${props.name}-documents`,
      description: `Documents of ${props.ownership.service} in s3://${props.dataBucket.bucketName}`,
      dataDeletionPolicy: 'RETAIN',
      dataSourceConfiguration: [{ type: 'S3', s3Configuration: [{ bucketArn: props.dataBucket.bucketArn }] }],
      vectorIngestionConfiguration: [{ chunkingConfiguration: [vectorIngestion] }],
    });
    this.watchIngestion(props);
  }

  private openSearch(store: VectorCollection) {
    return {
      type: 'OPENSEARCH_SERVERLESS',
      opensearchServerlessConfiguration: [{ collectionArn: store.collectionArn, vectorIndexName: store.indexName, fieldMapping: [{ vectorField: INDEX_FIELDS.vector, textField: INDEX_FIELDS.text, metadataField: INDEX_FIELDS.metadata }] }],
    };
  }

  private aurora(store: VectorCluster) {
    const { schema, table, columns } = VECTOR_TABLE;
    return {
      type: 'RDS',
      rdsConfiguration: [{ resourceArn: store.clusterArn, credentialsSecretArn: store.userSecret.arn, databaseName: store.databaseName, tableName: `${schema}.${table}`, fieldMapping: [{ primaryKeyField: columns.id, vectorField: columns.vector, textField: columns.text, metadataField: columns.metadata }] }],
    };
  }

  /** Application logs of the knowledge base into the service's log group, and an alarm on failed ingestion. */
  private watchIngestion(props: KnowledgeBaseProps): void {
    const observability = props.observability;
    const source = new CloudwatchLogDeliverySource(this, 'log-source', { name: `${props.name}-kb`, logType: 'APPLICATION_LOGS', resourceArn: this.knowledgeBaseArn });
    const destination = new CloudwatchLogDeliveryDestination(this, 'log-destination', { name: `${props.name}-kb`, deliveryDestinationConfiguration: [{ destinationResourceArn: observability.logGroup.arn }] });
    new CloudwatchLogDelivery(this, 'log-delivery', { deliverySourceName: source.name, deliveryDestinationArn: destination.arn });
    const namespace = `Groundwork/${props.ownership.service}`;
    new CloudwatchLogMetricFilter(this, 'ingestion-failures-filter', {
      name: `${props.name}-ingestion-failures`,
      logGroupName: observability.logGroup.name,
      // A failed ingestion job, or a document it could not ingest (Bedrock's knowledge-base log events).
      pattern: '{ ($.event.ingestion_job_status = "FAILED") || ($.event.status = "FAILED") }',
      metricTransformation: { name: 'IngestionFailures', namespace, value: '1', defaultValue: '0' },
    });
    observability.alarm('ingestion-failures', { alarmName: `${props.name}-ingestion-failures`, alarmDescription: `Ingestion into the knowledge base ${props.name} failed`, namespace, metricName: 'IngestionFailures', statistic: 'Sum', period: 3600, evaluationPeriods: 1, threshold: 1, comparisonOperator: 'GreaterThanOrEqualToThreshold' }, this);
    observability.widget(`Knowledge base ${props.name}: ingestion failures`, [[namespace, 'IngestionFailures']], props.environment.region);
  }

  /**
   * Lets a grantee query the knowledge base (Retrieve, RetrieveAndGenerate) and call generation
   * models, through the guardrail where there is one (`bedrock:GuardrailIdentifier`).
   */
  grantQuery(grantee: IGrantee): void {
    const guardrail = this.guardrail;
    grantee.grant(`${this.node.id}-query`, [
      { actions: ['bedrock:Retrieve'], resources: [this.knowledgeBaseArn] },
      { actions: ['bedrock:RetrieveAndGenerate'], resources: ['*'] },
      { actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], resources: [`arn:aws:bedrock:${this.region}::foundation-model/*`], ...(guardrail ? { conditions: guardrail.condition } : {}) },
      ...(guardrail ? [{ actions: ['bedrock:ApplyGuardrail'], resources: [guardrail.guardrailArn] }] : []),
    ]);
  }
}
