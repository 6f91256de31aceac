import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { FineTuningJob, FineTuningJobProps } from '../golden-paths/fine-tuning-job';
import { HttpService } from '../golden-paths/http-service';
import { KnowledgeBase, KnowledgeBaseProps } from '../golden-paths/knowledge-base';
import { Organisation } from '../golden-paths/organisation';
import { settingsWith } from './helpers/org';
import { parsePolicyDocument } from '../catalog/terraform/hcl-expression';

const policyDocument = (text: string): any => parsePolicyDocument(text);
const ref = (pattern: RegExp) => ({ ref: expect.stringMatching(pattern) });
import { cleanUp, errorOf, Json, resources, resourcesOfType, synth, SynthesizedStack } from './helpers/synth';
import taggableTypes from '../catalog/policy/aws-taggable-types.json';
import { planScaffold } from '../scripts/scaffold-service';
import { buildOrganisation } from '../stacks/app';
import { terraform, withTerraform } from './helpers/terraform';

afterAll(cleanUp);

const TAGGABLE = new Set<string>(taggableTypes.types);
const stack = (stacks: SynthesizedStack[], name: string): Json => stacks.find((s) => s.name === name)!.json;
const ofService = (json: Json, service: string) => resources(json).filter(([, , body]) => String(body['//']?.metadata?.path ?? '').includes(`/${service}/`));
const kbProps = (props: Partial<KnowledgeBaseProps> = {}): KnowledgeBaseProps => ({ owner: 'data', description: 'Answers from documents', indexReadyIn: ['production', 'staging'], ...props });
const jobProps = (props: Partial<FineTuningJobProps> = {}): FineTuningJobProps => ({ owner: 'data', description: 'A tuned model', baseModel: 'amazon.titan-text-express-v1', ...props });

/** An organisation of the example settings (edited) with one AI service. */
function withService(make: (org: Organisation) => unknown, edit?: (s: any) => void) {
  return synth((app: App) => make(new Organisation(app, settingsWith(edit), 'test settings')));
}

describe('KnowledgeBase with an OpenSearch Serverless collection', () => {
  const { stacks } = withService((org) => new KnowledgeBase(org, 'answers', kbProps({ vectorStore: 'opensearch-serverless' })));
  const staging = stack(stacks, 'staging-aws');

  test('a knowledge base with an S3 data source (chunking), an allowed embedding model and the collection', () => {
    const [kb] = resourcesOfType(staging, 'aws_bedrockagent_knowledge_base');
    expect(kb.name).toBe('answers-staging');
    expect(kb.knowledge_base_configuration[0].vector_knowledge_base_configuration[0].embedding_model_arn).toBe('arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0');
    expect(kb.storage_configuration[0]).toMatchObject({ type: 'OPENSEARCH_SERVERLESS', opensearch_serverless_configuration: [{ vector_index_name: 'bedrock-knowledge-base' }] });
    const [source] = resourcesOfType(staging, 'aws_bedrockagent_data_source');
    expect(source.vector_ingestion_configuration[0].chunking_configuration[0]).toEqual({ chunking_strategy: 'FIXED_SIZE', fixed_size_chunking_configuration: [{ max_tokens: 300, overlap_percentage: 20 }] });
    expect(source.data_source_configuration[0].type).toBe('S3');
  });

  test('the collection is encrypted with its own key, reachable only through its VPC endpoint and from Bedrock, never public', () => {
    const policies = resourcesOfType(staging, 'aws_opensearchserverless_security_policy');
    const encryption = policies.find((p) => p.type === 'encryption')!;
    expect(policyDocument(encryption.policy)).toEqual({ Rules: [{ ResourceType: 'collection', Resource: ['collection/answers-staging'] }], AWSOwnedKey: false, KmsARN: ref(/^aws_kms_key\..*\.arn$/) });
    const network = policies.find((p) => p.type === 'network')!;
    expect(policyDocument(network.policy)).toEqual([{ Rules: [{ ResourceType: 'collection', Resource: ['collection/answers-staging'] }], AllowFromPublic: false, SourceVPCEs: [ref(/^aws_opensearchserverless_vpc_endpoint\./)], SourceServices: ['bedrock.amazonaws.com'] }]);
    const [collection] = resourcesOfType(staging, 'aws_opensearchserverless_collection');
    expect(collection).toMatchObject({ type: 'VECTORSEARCH', standby_replicas: 'DISABLED' });
    expect(resourcesOfType(stack(stacks, 'production-aws'), 'aws_opensearchserverless_collection')[0].standby_replicas).toBe('ENABLED');
  });

  test('the knowledge base role may read that bucket, call that model and that collection, nothing else', () => {
    const policies = resources(staging).filter(([type, , b]) => type === 'aws_iam_role_policy' && String(b['//']?.metadata?.path).includes('/knowledge-base-role/'));
    const text = policies.map(([, , b]) => b.policy).join('\n');
    expect(text).toContain('foundation-model/amazon.titan-embed-text-v2:0');
    expect(text).toContain('aoss:APIAccessAll');
    expect(text).toContain('aws_opensearchserverless_collection.');
    expect(text).toContain('aws_s3_bucket.');
    expect(text).not.toMatch(/"Resource":\["\*"\]/);
  });

  test('the setup step is a stack output that creates the index only when it is missing; it reads no master secret', () => {
    const output = staging.output['answers-knowledge-base-setup'];
    expect(output.value).toContain('-I "$index"');
    expect(output.value).toContain('%%{http_code}');
    expect(output.value).toContain('"dimension":1024');
    expect(output.value).not.toMatch(/master/i);
  });

  test('a guardrail as the settings ask; grantQuery allows model calls only through it', () => {
    const { stacks: withConsumer } = withService((org) => {
      const kb = new KnowledgeBase(org, 'answers', kbProps());
      const api = new HttpService(org, 'answers-api', { owner: 'data', description: 'Asks', version: '1.0.0' });
      kb.environments.staging.knowledgeBase!.grantQuery(api.environments.staging.role);
    });
    const aws = stack(withConsumer, 'staging-aws');
    const [guardrail] = resourcesOfType(aws, 'aws_bedrock_guardrail');
    expect(guardrail.content_policy_config[0].filters_config.map((f: Json) => f.input_strength)).toEqual(['HIGH', 'HIGH', 'HIGH', 'HIGH', 'HIGH', 'HIGH']);
    const grant = resources(aws).find(([type, , b]) => type === 'aws_iam_role_policy' && b.name === 'knowledge-base-query')![2];
    const invoke = policyDocument(grant.policy).Statement.find((st: Json) => st.Action.includes('bedrock:InvokeModel'));
    expect(invoke.Condition).toEqual({ StringLike: { 'bedrock:GuardrailIdentifier': [ref(/^aws_bedrock_guardrail\..*\.guardrail_arn$/), { ref: expect.any(String) }] } });
    // The second value is the same ARN with any version: a template the reader leaves unknown, so read it as written.
    expect(grant.policy).toMatch(/"bedrock:GuardrailIdentifier" = \[aws_bedrock_guardrail\.(\S+)\.guardrail_arn, "\$\{aws_bedrock_guardrail\.\1\.guardrail_arn\}:\*"\]/);
  });
});

describe('KnowledgeBase with Aurora pgvector (the example service)', () => {
  const { stacks } = withService((org) => new KnowledgeBase(org, 'answers', kbProps()));
  const staging = stack(stacks, 'staging-aws');
  const production = stack(stacks, 'production-aws');

  test('Aurora Serverless v2, encrypted with its own key, Data API on, private; two instances in production', () => {
    const [cluster] = resourcesOfType(staging, 'aws_rds_cluster');
    expect(cluster).toMatchObject({ engine: 'aurora-postgresql', engine_mode: 'provisioned', storage_encrypted: true, enable_http_endpoint: true, manage_master_user_password: true });
    expect(cluster.kms_key_id).toMatch(/^\$\{aws_kms_key\./);
    expect(resourcesOfType(staging, 'aws_rds_cluster_instance').map((i) => i.publicly_accessible)).toEqual([false]);
    expect(resourcesOfType(production, 'aws_rds_cluster_instance')).toHaveLength(2);
    expect(resourcesOfType(production, 'aws_rds_cluster')[0].deletion_protection).toBe(true);
  });

  test('the knowledge base signs in with its own user\'s secret, never the master secret', () => {
    const [kb] = resourcesOfType(staging, 'aws_bedrockagent_knowledge_base');
    const rds = kb.storage_configuration[0].rds_configuration[0];
    expect(rds.credentials_secret_arn).toMatch(/^\$\{aws_secretsmanager_secret\..*\.arn\}$/);
    expect(rds).toMatchObject({ database_name: 'answers', table_name: 'bedrock_integration.knowledge_base' });
    const rolePolicies = resources(staging).filter(([type]) => type === 'aws_iam_role_policy').map(([, , b]) => b.policy).join('\n');
    expect(rolePolicies).not.toContain('master_user_secret');
  });

  test('the setup step: part 1 with the master secret creates the user; the table and indexes as that user; idempotent statements', () => {
    const script: string = staging.output['answers-knowledge-base-setup'].value;
    expect(script).toContain('CREATE EXTENSION IF NOT EXISTS vector');
    expect(script).toContain('CREATE TABLE IF NOT EXISTS bedrock_integration.knowledge_base');
    expect(script).toContain('vector(1024)');
    const tableLine = script.split('\n').find((l) => l.includes('CREATE TABLE'))!;
    expect(tableLine).toMatch(/--secret-arn '\$\{aws_secretsmanager_secret\./);
    expect(tableLine).not.toContain('master_user_secret');
  });

  test('ingestion logs go to the service log group; an alarm on failed ingestion notifies the team', () => {
    const [filter] = resourcesOfType(staging, 'aws_cloudwatch_log_metric_filter').filter((f) => f.name.endsWith('ingestion-failures'));
    expect(filter.pattern).toContain('FAILED');
    const alarm = resourcesOfType(staging, 'aws_cloudwatch_metric_alarm').find((a) => a.alarm_name === 'answers-staging-ingestion-failures')!;
    expect(alarm.alarm_actions[0]).toMatch(/aws_sns_topic\./);
    expect(resourcesOfType(staging, 'aws_cloudwatch_log_delivery_source')[0].log_type).toBe('APPLICATION_LOGS');
  });

  test('without indexReadyIn the store and setup step exist and the knowledge base waits', () => {
    const { stacks: waiting } = withService((org) => new KnowledgeBase(org, 'answers', kbProps({ indexReadyIn: undefined })));
    const aws = stack(waiting, 'staging-aws');
    expect(resourcesOfType(aws, 'aws_rds_cluster')).toHaveLength(1);
    expect(resourcesOfType(aws, 'aws_bedrockagent_knowledge_base')).toHaveLength(0);
    expect(aws.output['answers-knowledge-base-setup']).toBeDefined();
  });
});

describe('the platform\'s model invocation logging', () => {
  test('once per environment, to a log group encrypted with the environment key, by a role only Bedrock of the account assumes', () => {
    const { stacks } = withService((org) => new KnowledgeBase(org, 'answers', kbProps()));
    for (const name of ['staging-aws', 'production-aws']) {
      const aws = stack(stacks, name);
      const configs = resourcesOfType(aws, 'aws_bedrock_model_invocation_logging_configuration');
      expect(configs).toHaveLength(1);
      const group = resourcesOfType(aws, 'aws_cloudwatch_log_group').find((g) => g.name.endsWith('/bedrock-invocations'))!;
      expect(group.kms_key_id).toMatch(/aws_kms_key\./);
      expect(configs[0].logging_config.cloudwatch_config.log_group_name).toMatch(/aws_cloudwatch_log_group\./);
    }
  });

  test('AI golden paths refuse an environment without it, in one sentence', () => {
    const message = errorOf(() => withService((org) => new KnowledgeBase(org, 'answers', kbProps()), (s) => (s.ai.invocationLogging = false)));
    expect(message).toBe('Service "answers" (knowledge-base): environment "production" has no Bedrock model invocation logging, which AI services require; set ai.invocationLogging to true in the organisation settings.');
    expect(errorOf(() => withService((org) => new FineTuningJob(org, 'tuned', jobProps()), (s) => delete s.ai))).toMatch(/^Service "tuned" \(fine-tuning-job\): the organisation settings have no ai section/);
  });
});

describe('FineTuningJob', () => {
  test('runs once (in production by default): a customization job from the training bucket to the output bucket, its own KMS key, validated hyperparameters', () => {
    const { stacks } = withService((org) => new FineTuningJob(org, 'tuned', jobProps({ epochs: 3, learningRate: '0.0001', modelUnits: 1 })));
    expect(resourcesOfType(stack(stacks, 'staging-aws'), 'aws_bedrock_custom_model')).toHaveLength(0);
    const production = stack(stacks, 'production-aws');
    const [model] = resourcesOfType(production, 'aws_bedrock_custom_model');
    expect(model).toMatchObject({ custom_model_name: 'tuned-production', customization_type: 'FINE_TUNING', hyperparameters: { epochCount: '3', batchSize: '1', learningRate: '0.0001', learningRateWarmupSteps: '0' } });
    expect(model.custom_model_kms_key_id).toMatch(/^\$\{aws_kms_key\./);
    expect(model.training_data_config[0].s3_uri).toBe('s3://acme-tuned-production-training/train.jsonl');
    expect(model.output_data_config[0].s3_uri).toBe('s3://acme-tuned-production-output/');
    expect(resourcesOfType(production, 'aws_bedrock_provisioned_model_throughput')[0]).toMatchObject({ model_units: 1, provisioned_model_name: 'tuned-production' });
  });

  test('perEnvironment trains in every environment; no throughput unless asked', () => {
    const { stacks } = withService((org) => new FineTuningJob(org, 'tuned', jobProps({ perEnvironment: true })));
    for (const name of ['staging-aws', 'production-aws']) {
      expect(resourcesOfType(stack(stacks, name), 'aws_bedrock_custom_model')).toHaveLength(1);
      expect(resourcesOfType(stack(stacks, name), 'aws_bedrock_provisioned_model_throughput')).toHaveLength(0);
    }
  });

  test.each([
    [{ learningRate: '1' }, 'prop learningRate is "1", which must be from 0.0000001 to 0.1.'],
    [{ learningRate: '1e-5' }, 'prop learningRate is "1e-5", which must be a decimal number such as 0.00001.'],
    [{ epochs: 0 }, 'prop epochs is 0, which must be a whole number from 1 to 10.'],
    [{ baseModel: 'x${var.a}' }, 'prop baseModel is "x${var.a}", which is not valid'],
    [{ trainingDataKey: '../secret' }, 'prop trainingDataKey is "../secret", which is not valid'],
    [{ jobEnvironment: 'qa' }, 'prop jobEnvironment "qa" is not an environment the service runs in (production, staging).'],
    [{ jobEnvironment: 'staging', perEnvironment: true }, 'prop jobEnvironment chooses the one environment a job runs in; it cannot be given with perEnvironment: true.'],
  ])('bad hyperparameters and placement are one clear sentence: %j', (props, message) => {
    expect(errorOf(() => withService((org) => new FineTuningJob(org, 'tuned', jobProps(props as Partial<FineTuningJobProps>))))).toContain(message);
  });
});

describe('KnowledgeBase props', () => {
  test.each([
    [{ embeddingModel: 'amazon.titan-embed-text-v1' }, 'Service "answers" (knowledge-base): embedding model "amazon.titan-embed-text-v1" is not one the organisation allows (ai.embeddingModels: amazon.titan-embed-text-v2:0, cohere.embed-english-v3).'],
    [{ vectorStore: 'pinecone' }, 'prop vectorStore is "pinecone", which must be one of aurora-pgvector, opensearch-serverless.'],
    [{ chunking: { strategy: 'fixed-size', maxTokens: 10 } }, 'maxTokens'],
    [{ chunking: { strategy: 'semantic' } }, 'prop chunking is {"strategy":"semantic"}, which must be one of fixed-size, none.'],
    [{ indexReadyIn: ['qa'] }, 'prop indexReadyIn names qa, where the service does not run (it runs in production, staging).'],
    [{ vectorStore: 'opensearch-serverless', maxCapacity: 8 }, "prop maxCapacity sizes the Aurora pgvector store; vectorStore is 'opensearch-serverless'"],
  ])('bad props are one clear sentence: %j', (props, message) => {
    expect(errorOf(() => withService((org) => new KnowledgeBase(org, 'answers', kbProps(props as Partial<KnowledgeBaseProps>))))).toContain(message);
  });

  test('a name Bedrock refuses (a double hyphen) is one sentence before anything is written', () => {
    expect(errorOf(() => withService((org) => new KnowledgeBase(org, 'audit--log', kbProps())))).toMatch(/^production-aws\/audit--log\/vector-store: the Aurora cluster name "audit--log-production-vectors" \(29 characters\) is not valid/);
    expect(errorOf(() => withService((org) => new KnowledgeBase(org, 'audit--log', kbProps({ vectorStore: 'opensearch-serverless' }))))).toBe('production-aws/audit--log/knowledge-base: the Bedrock knowledge base name "audit--log-production" (21 characters) is not valid: letters and digits, each followed by at most one "-" or "_" (Bedrock), at most 63 characters. Choose a shorter service or resource name.');
  });

  test('a name too long for OpenSearch Serverless is shortened with a hash, deterministically', () => {
    const { stacks } = withService((org) => new KnowledgeBase(org, 'a-very-long-knowledge-base-name', kbProps({ vectorStore: 'opensearch-serverless' })));
    const [collection] = resourcesOfType(stack(stacks, 'production-aws'), 'aws_opensearchserverless_collection');
    expect(collection.name.length).toBeLessThanOrEqual(32);
    expect(collection.name).toMatch(/^a-very-long-knowledge-b-[0-9a-f]{8}$/);
  });
});

describe('ownership: every taggable resource the AI paths create carries the service\'s tags', () => {
  test.each([
    ['opensearch', (org: Organisation) => new KnowledgeBase(org, 'answers', kbProps({ vectorStore: 'opensearch-serverless' })), 'answers'],
    ['aurora', (org: Organisation) => new KnowledgeBase(org, 'answers', kbProps()), 'answers'],
    ['fine-tuning', (org: Organisation) => new FineTuningJob(org, 'tuned', jobProps({ perEnvironment: true, modelUnits: 2 })), 'tuned'],
  ])('%s', (_, make, service) => {
    const { stacks } = withService(make);
    for (const name of ['staging-aws', 'production-aws']) {
      const parts = ofService(stack(stacks, name), service);
      expect(parts.length).toBeGreaterThan(10);
      const untagged = parts.filter(([type, , body]) => TAGGABLE.has(type) && (body.tags?.service !== service || body.tags?.owner !== 'data' || body.tags?.['cost-center'] !== 'CC-4001'));
      expect(untagged.map(([type, id]) => `${type}.${id}`)).toEqual([]);
      // Types that take no tags carry none (the provider would refuse them).
      for (const [type, , body] of parts) if (!TAGGABLE.has(type)) expect({ type, tags: body.tags }).toEqual({ type, tags: undefined });
    }
  });

  test('the logging configuration is the platform\'s, and takes no tags; its log group and role carry the platform\'s', () => {
    const { stacks } = withService((org) => new KnowledgeBase(org, 'answers', kbProps()));
    const aws = stack(stacks, 'staging-aws');
    const parts = resources(aws).filter(([, , body]) => String(body['//']?.metadata?.path ?? '').includes('/model-invocation-logging/'));
    expect(parts.map(([type]) => type).sort()).toEqual(['aws_bedrock_model_invocation_logging_configuration', 'aws_cloudwatch_log_group', 'aws_iam_role', 'aws_iam_role_policy']);
    for (const [type, , body] of parts) expect({ type, service: body.tags?.service, owner: body.tags?.owner }).toEqual(TAGGABLE.has(type) ? { type, service: 'model-invocation-logging', owner: 'platform' } : { type, service: undefined, owner: undefined });
  });
});

withTerraform.test('terraform validates and plans both AWS stacks offline with both vector stores, a fine-tuning job and the invocation logging (real provider)', () => {
  const { stacks } = synth((app) => {
    const org = buildOrganisation(app);
    new KnowledgeBase(org, 'answers', kbProps({ vectorStore: 'opensearch-serverless' }));
    new FineTuningJob(org, 'tuned', jobProps({ perEnvironment: true, modelUnits: 1 }));
  });
  process.env.AWS_ACCESS_KEY_ID ??= 'mock';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'mock';
  for (const name of ['staging-aws', 'production-aws']) {
    const dir = stacks.find((s) => s.name === name)!.dir;
    fs.writeFileSync(path.join(dir, 'offline_override.tf.json'), JSON.stringify({ provider: { aws: { skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: 'true', allowed_account_ids: null } }, terraform: { backend: { local: { path: path.join(dir, 'offline.tfstate') } } } }));
    terraform(dir, ['init', '-input=false', '-no-color']);
    const validation = JSON.parse(terraform(dir, ['validate', '-json', '-no-color']));
    expect({ stack: name, valid: validation.valid, diagnostics: validation.diagnostics }).toEqual({ stack: name, valid: true, diagnostics: [] });
    terraform(dir, ['plan', '-input=false', '-no-color', '-lock=false', '-refresh=false', '-out=plan.out']);
    const plan = JSON.parse(terraform(dir, ['show', '-json', 'plan.out']));
    const created = new Set(plan.resource_changes.filter((c: Json) => c.change.actions.includes('create')).map((c: Json) => c.type));
    for (const type of ['aws_bedrockagent_knowledge_base', 'aws_bedrockagent_data_source', 'aws_opensearchserverless_collection', 'aws_opensearchserverless_security_policy', 'aws_opensearchserverless_access_policy', 'aws_opensearchserverless_vpc_endpoint', 'aws_rds_cluster', 'aws_rds_cluster_instance', 'aws_secretsmanager_secret', 'aws_bedrock_guardrail', 'aws_bedrock_model_invocation_logging_configuration', 'aws_bedrock_custom_model', 'aws_bedrock_provisioned_model_throughput', 'aws_cloudwatch_log_delivery']) {
      expect({ stack: name, type, planned: created.has(type) }).toEqual({ stack: name, type, planned: true });
    }
  }
});

describe('new-service offers both paths', () => {
  const plan = (goldenPath: string, options: Record<string, string | boolean>) => planScaffold({ name: 'faq', goldenPath, owner: 'data', tags: [], options: { description: 'FAQ answers', ...options } }, path.join(__dirname, '..'));

  test('a knowledge base on OpenSearch Serverless without chunking', () => {
    const { source } = plan('knowledge-base', { 'vector-store': 'opensearch-serverless', chunking: 'none', 'embedding-model': 'cohere.embed-english-v3' });
    expect(source).toContain("import { KnowledgeBase } from '../../golden-paths/knowledge-base';");
    expect(source).toContain("    vectorStore: 'opensearch-serverless',\n    embeddingModel: 'cohere.embed-english-v3',\n    chunking: { strategy: 'none' },\n");
  });

  test('a fine-tuning job with its hyperparameters, per environment', () => {
    const { source } = plan('fine-tuning-job', { 'base-model': 'amazon.titan-text-express-v1', epochs: '3', 'learning-rate': '0.0001', 'per-environment': true });
    expect(source).toContain("    baseModel: 'amazon.titan-text-express-v1',\n    epochs: 3,\n    learningRate: '0.0001',\n    perEnvironment: true,\n");
  });

  test('bad options are refused before anything is written, in the words synth would use', () => {
    expect(errorOf(() => plan('knowledge-base', { 'vector-store': 'pinecone' }))).toContain('must be one of aurora-pgvector, opensearch-serverless');
    expect(errorOf(() => plan('fine-tuning-job', { 'base-model': 'amazon.titan-text-express-v1', 'learning-rate': '5' }))).toContain('must be from 0.0000001 to 0.1');
  });
});
