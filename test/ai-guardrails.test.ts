import * as fs from 'fs';
import * as path from 'path';
import { analyse } from '../catalog/analyse';
import { cleanUp, tempDir } from './helpers/synth';

afterAll(cleanUp);

// The failing and passing shape of each ai/ rule are in fixtures/policy/rule-cases.json (policy.test.ts runs them); these are the edges.
const tags = { owner: 'team-a', service: 'svc', environment: 'production', 'cost-center': 'CC-1' };
const provider = { aws: [{ region: 'us-east-1' }] };
const collection = { name: 'vectors', type: 'VECTORSEARCH', tags };

function findings(resource: object, rule: string): string[] {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ provider, resource }));
  return analyse(dir).policy.findings.filter((f) => f.rule === rule).map((f) => `${f.address}: ${f.message}`);
}
const securityPolicy = (type: string, policy: unknown) => ({ name: `vectors-${type}`, type, policy: JSON.stringify(policy) });

describe('ai/vector-store-cmk', () => {
  test('an encryption policy matches by prefix pattern, as OpenSearch Serverless does', () => {
    const policy = securityPolicy('encryption', { Rules: [{ ResourceType: 'collection', Resource: ['collection/vec*'] }], AWSOwnedKey: false, KmsARN: 'arn:aws:kms:us-east-1:111111111111:key/1' });
    expect(findings({ aws_opensearchserverless_security_policy: { e: policy }, aws_opensearchserverless_collection: { vectors: collection } }, 'ai/vector-store-cmk')).toEqual([]);
  });

  test('an encryption policy for another collection does not count', () => {
    const policy = securityPolicy('encryption', { Rules: [{ ResourceType: 'collection', Resource: ['collection/other'] }], AWSOwnedKey: false, KmsARN: 'arn:aws:kms:us-east-1:111111111111:key/1' });
    expect(findings({ aws_opensearchserverless_security_policy: { e: policy }, aws_opensearchserverless_collection: { vectors: collection } }, 'ai/vector-store-cmk')).toEqual([
      'aws_opensearchserverless_collection.vectors: has no encryption security policy covering it (OpenSearch Serverless would not create it)',
    ]);
  });

  test('an Aurora cluster is judged only as a knowledge base\'s store; the AWS-managed key fails', () => {
    const cluster = { cluster_identifier: 'kb', engine: 'aurora-postgresql', storage_encrypted: true, kms_key_id: 'alias/aws/rds', tags };
    const kb = { name: 'kb', role_arn: 'arn:aws:iam::111111111111:role/kb', tags, storage_configuration: [{ type: 'RDS', rds_configuration: [{ resource_arn: '${aws_rds_cluster.kb.arn}', credentials_secret_arn: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:kb', database_name: 'kb', table_name: 't', field_mapping: [{}] }] }] };
    expect(findings({ aws_rds_cluster: { kb: cluster } }, 'ai/vector-store-cmk')).toEqual([]);
    expect(findings({ aws_rds_cluster: { kb: cluster }, aws_bedrockagent_knowledge_base: { kb } }, 'ai/vector-store-cmk')).toEqual([
      "aws_rds_cluster.kb: is a knowledge base's vector store without a customer-managed key (kms_key_id is not one)",
    ]);
    expect(findings({ aws_rds_cluster: { kb: { ...cluster, kms_key_id: 'arn:aws:kms:us-east-1:111111111111:key/1' } }, aws_bedrockagent_knowledge_base: { kb } }, 'ai/vector-store-cmk')).toEqual([]);
  });
});

describe('ai/opensearch-not-public', () => {
  test('a public policy matching by pattern fails; no network policy at all is private (nobody can reach it)', () => {
    const open = securityPolicy('network', [{ Rules: [{ ResourceType: 'collection', Resource: ['collection/*'] }], AllowFromPublic: true }]);
    expect(findings({ aws_opensearchserverless_security_policy: { n: open }, aws_opensearchserverless_collection: { vectors: collection } }, 'ai/opensearch-not-public')).toHaveLength(1);
    expect(findings({ aws_opensearchserverless_collection: { vectors: collection } }, 'ai/opensearch-not-public')).toEqual([]);
  });

  test('a policy that cannot be read at synth fails closed', () => {
    const unreadable = { name: 'n', type: 'network', policy: '${var.policy}' };
    expect(findings({ aws_opensearchserverless_security_policy: { n: unreadable }, aws_opensearchserverless_collection: { vectors: collection } }, 'ai/opensearch-not-public')[0]).toMatch(/cannot be read at synth/);
  });
});

describe('ai/knowledge-base-bucket-private and ai/model-invocation-logging', () => {
  test('a data source reading a bucket by literal ARN cannot be checked, and says so', () => {
    const source = { name: 'docs', knowledge_base_id: 'KB1', data_source_configuration: [{ type: 'S3', s3_configuration: [{ bucket_arn: 'arn:aws:s3:::somebody-elses' }] }] };
    expect(findings({ aws_bedrockagent_data_source: { docs: source } }, 'ai/knowledge-base-bucket-private')).toEqual([
      'aws_bedrockagent_data_source.docs: reads a bucket outside this configuration (a literal ARN), so its privacy cannot be checked; create the bucket here with a public access block',
    ]);
  });

  test('logging that delivers no text does not count', () => {
    const model = { custom_model_name: 'm', job_name: 'j', base_model_identifier: 'x', role_arn: 'r', hyperparameters: {}, tags };
    const logging = { logging_config: { text_data_delivery_enabled: false, cloudwatch_config: { log_group_name: 'g', role_arn: 'r' } } };
    expect(findings({ aws_bedrock_model_invocation_logging_configuration: { l: logging }, aws_bedrock_custom_model: { m: model } }, 'ai/model-invocation-logging')[0]).toMatch(/delivers no text/);
  });
});

test('ai/embedding-model-allowed: Terraform without the organisation\'s metadata has no list to judge by (not applicable)', () => {
  const kb = { name: 'kb', role_arn: 'r', tags, knowledge_base_configuration: [{ type: 'VECTOR', vector_knowledge_base_configuration: [{ embedding_model_arn: 'arn:aws:bedrock:us-east-1::foundation-model/anything' }] }] };
  expect(findings({ aws_bedrockagent_knowledge_base: { kb } }, 'ai/embedding-model-allowed')).toEqual([]);
});
