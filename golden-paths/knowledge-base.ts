import { Construct } from 'constructs';
import { GroundworkError } from '../model/errors';
import type { AiSettings } from '../model/organisation-settings';
import { NAME_PATTERN } from '../model/ownership-record';
import { pipelineRoleName } from '../model/pipeline-roles';
import { BedrockServiceRole } from '../constructs/bedrock-service-role';
import { Bucket } from '../constructs/bucket';
import { chooseEmbeddingModel } from '../constructs/embedding-models';
import { Chunking, CHUNKING_STRATEGIES, KnowledgeBase as KnowledgeBaseConstruct } from '../constructs/knowledge-base';
import { ModelGuardrail } from '../constructs/model-guardrail';
import { COLLECTION_NAME, VectorCollection } from '../constructs/vector-collection';
import { VectorCluster } from '../constructs/vector-cluster';
import { auroraSetupScript, openSearchSetupScript, VectorStoreSetup } from '../constructs/vector-store-setup';
import { checkName, nameWithin } from '../constructs/names';
import { ServiceObservability } from '../constructs/service-observability';
import { GoldenPathDefinition, withDefaults } from './golden-path-definition';
import type { Organisation } from './organisation';
import { GoldenPathProps, GoldenPathService } from './service-base';

/** Where the vectors live: Aurora PostgreSQL Serverless v2 with pgvector (cheapest at small scale) or an OpenSearch Serverless collection. */
export type VectorStoreKind = 'aurora-pgvector' | 'opensearch-serverless';
export const VECTOR_STORES: readonly VectorStoreKind[] = ['aurora-pgvector', 'opensearch-serverless'];

/** The knowledge-base defaults, stated once: the class applies them, its options show them. */
export const KNOWLEDGE_BASE_DEFAULTS = { vectorStore: 'aurora-pgvector', maxCapacity: 4 } as const satisfies Partial<KnowledgeBaseProps>;
const INDEX_NAME = 'bedrock-knowledge-base';

export interface KnowledgeBaseProps extends GoldenPathProps {
  /** @default 'aurora-pgvector' */
  readonly vectorStore?: VectorStoreKind;
  /** A Bedrock embedding model ID from the settings' ai.embeddingModels. @default the list's first */
  readonly embeddingModel?: string;
  /** How documents are split. @default { strategy: 'fixed-size', maxTokens: 300, overlapPercentage: 20 } */
  readonly chunking?: Chunking;
  /** Aurora capacity units the pgvector store may scale to, 1 to 256 (aurora-pgvector only). @default 4 */
  readonly maxCapacity?: number;
  /**
   * Environments where the setup step (stack output `<name>-knowledge-base-setup`) has run, so the
   * vector index or table exists: the knowledge base is created there. Elsewhere the store, bucket
   * and setup step are created and the knowledge base waits (Bedrock refuses one without its index).
   * @default none
   */
  readonly indexReadyIn?: readonly string[];
}

/** What the knowledge base has in one environment. */
export interface KnowledgeBaseEnvironment {
  readonly bucket: Bucket;
  readonly store: VectorCollection | VectorCluster;
  readonly setup: VectorStoreSetup;
  readonly observability: ServiceObservability;
  readonly guardrail?: ModelGuardrail;
  /** The role Bedrock ingests with (granted its bucket, store and model once the knowledge base exists). */
  readonly role: BedrockServiceRole;
  /** Absent until the setup step has run (indexReadyIn). */
  readonly knowledgeBase?: KnowledgeBaseConstruct;
}

/**
 * The golden path for retrieval (RAG): per environment a Bedrock knowledge base reading a
 * private, encrypted, versioned bucket, an embedding model the organisation allows, a vector store
 * (Aurora pgvector with the Data API, or a private OpenSearch Serverless collection) with its
 * documented setup step, the role Bedrock ingests with, a guardrail where the settings ask for one,
 * ingestion logs and an alarm on failed ingestion. Needs the platform's model invocation logging.
 * Applications query it through `environments[env].knowledgeBase.grantQuery(role)`.
 */
export class KnowledgeBase extends GoldenPathService {
  readonly environments: Readonly<Record<string, KnowledgeBaseEnvironment>>;

  constructor(organisation: Organisation, name: string, readonly props: KnowledgeBaseProps) {
    super(organisation, name, props, KNOWLEDGE_BASE_PATH);
    const where = `Service "${name}" (${KNOWLEDGE_BASE_PATH.name})`;
    const ai = aiSettings(organisation, where);
    const model = chooseEmbeddingModel(where, ai.embeddingModels, props.embeddingModel);
    const ready = new Set(props.indexReadyIn ?? []);
    const unknown = [...ready].filter((e) => !this.environmentNames.includes(e));
    if (unknown.length) throw new GroundworkError(`${where}: prop indexReadyIn names ${unknown.join(', ')}, where the service does not run (it runs in ${this.environmentNames.join(', ')}).`);
    const environments: Record<string, KnowledgeBaseEnvironment> = {};
    for (const envName of this.environmentNames) {
      const stacks = organisation.environments[envName];
      organisation.invocationLogging(envName, where);
      const env = stacks.network;
      const ownership = this.ownershipIn(envName);
      const scope = new Construct(stacks.aws, name);
      const bucket = new Bucket(scope, 'documents', { environment: env, organisationName: organisation.settings.name, ownership });
      const observability = new ServiceObservability(scope, 'observability', { environment: env, ownership, alertTopicArn: organisation.alertTopic(ownership.owner, envName).topicArn });
      const setup = new VectorStoreSetup(scope, 'setup', { environment: env, ownership, trustedPrincipalArn: `arn:aws:iam::${env.accountId}:role/${pipelineRoleName(organisation.settings, envName, 'deploy')}` });
      const baseName = `${name}-${envName}`;
      const role = new BedrockServiceRole(scope, 'knowledge-base-role', { environment: env, ownership, name: `${baseName}-kb`, sourceResource: 'knowledge-base/*' });
      let store: VectorCollection | VectorCluster;
      if ((props.vectorStore ?? KNOWLEDGE_BASE_DEFAULTS.vectorStore) === 'opensearch-serverless') {
        if (props.maxCapacity !== undefined) throw new GroundworkError(`${where}: prop maxCapacity sizes the Aurora pgvector store; vectorStore is 'opensearch-serverless' (which scales by itself).`);
        const collectionName = checkName(scope.node.path, 'OpenSearch Serverless collection', nameWithin(baseName, COLLECTION_NAME.maxLength), COLLECTION_NAME);
        const collection = new VectorCollection(scope, 'vector-store', { environment: env, ownership, name: collectionName, indexName: INDEX_NAME, dataPrincipalArns: [role.roleArn], setupPrincipalArn: setup.roleArn });
        collection.grantDataAccess(setup);
        setup.publish(openSearchSetupScript({ service: name, environment: envName, region: env.region, endpoint: collection.endpoint, indexName: INDEX_NAME, dimensions: model.dimensions, setupRoleArn: setup.roleArn }));
        store = collection;
      } else {
        const cluster = new VectorCluster(scope, 'vector-store', { environment: env, ownership, maxCapacity: props.maxCapacity ?? KNOWLEDGE_BASE_DEFAULTS.maxCapacity });
        cluster.grantDataApi(setup);
        setup.publish(auroraSetupScript({ service: name, environment: envName, clusterArn: cluster.clusterArn, databaseName: cluster.databaseName, userName: cluster.userName, userSecretArn: cluster.userSecret.arn, masterSecretArn: cluster.masterUserSecretArn, dimensions: model.dimensions }));
        store = cluster;
      }
      const guardrail = ai.guardrail ? new ModelGuardrail(scope, 'guardrail', { environment: env, ownership, name: baseName, filterStrength: ai.guardrail.filterStrength }) : undefined;
      const knowledgeBase = ready.has(envName)
        ? new KnowledgeBaseConstruct(scope, 'knowledge-base', { environment: env, ownership, name: baseName, dataBucket: bucket, role, embeddingModel: model, store, chunking: props.chunking, observability, guardrail })
        : undefined;
      this.uses(stacks.aws, envName, observability);
      environments[envName] = { bucket, store, setup, observability, guardrail, role, knowledgeBase };
    }
    this.environments = environments;
    this.recordMetadata();
  }
}

/** The organisation's AI settings, which AI golden paths need. */
export function aiSettings(organisation: Organisation, where: string): AiSettings {
  const ai = organisation.settings.ai;
  if (!ai) throw new GroundworkError(`${where}: the organisation settings have no ai section; add ai.embeddingModels and ai.invocationLogging: true to use AI golden paths.`);
  return ai;
}

/** The knowledge-base golden path as data: `npm run golden-paths`, `new-service` and props validation read it. */
export const KNOWLEDGE_BASE_PATH: GoldenPathDefinition = {
  name: 'knowledge-base',
  className: KnowledgeBase.name,
  summary: 'A Bedrock knowledge base (RAG) per environment: private S3 documents bucket, an allowed embedding model, an Aurora pgvector or private OpenSearch Serverless vector store with its setup step, a scoped ingestion role, a guardrail where the settings ask, ingestion logs and an alarm on failed ingestion.',
  defaults: KNOWLEDGE_BASE_DEFAULTS,
  operations: [],
  options: withDefaults(KNOWLEDGE_BASE_DEFAULTS, [
    { flag: 'vector-store', prop: 'vectorStore', type: 'string', description: 'aurora-pgvector (Aurora Serverless v2, cheapest at small scale) or opensearch-serverless (a private vector collection)', choices: VECTOR_STORES },
    { flag: 'embedding-model', prop: 'embeddingModel', type: 'string', description: "Bedrock embedding model ID, one of the settings' ai.embeddingModels", default: 'the first of ai.embeddingModels', pattern: /^[a-z0-9-]{1,32}\.[a-z0-9.-]{1,60}(:[0-9]{1,3})?$/ },
    { flag: 'chunking', prop: 'chunking', type: 'string', description: 'how documents are split: fixed-size (300 tokens, 20% overlap) or none', default: 'fixed-size chunks of 300 tokens', choices: CHUNKING_STRATEGIES, objectKey: 'strategy' },
    { flag: 'max-capacity', prop: 'maxCapacity', type: 'integer', description: 'Aurora capacity units the pgvector store may scale to', min: 1, max: 256 },
    { flag: 'index-ready-in', prop: 'indexReadyIn', type: 'list', description: 'environments where the setup step has run (the knowledge base is created there)', default: 'none', pattern: NAME_PATTERN, propOnly: true },
  ]),
};
