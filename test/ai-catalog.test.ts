import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DefaultNamespaceEntityPolicy, EntityPolicies, FieldFormatEntityPolicy, NoForeignRootFieldsEntityPolicy, resourceEntityV1alpha1Validator, SchemaValidEntityPolicy } from '@backstage/catalog-model';
import { loadAll } from 'js-yaml';
import { writeAnalysis } from '../catalog/analyse';
import type { PrReport } from '../catalog/pr-report/report-model';
import { checkContract } from '../catalog/contracts';
import { Catalog, isKind } from '../catalog/service-catalog/catalog-model';
import { FineTuningJob } from '../golden-paths/fine-tuning-job';
import { KnowledgeBase } from '../golden-paths/knowledge-base';
import { buildOrganisation } from '../stacks/app';
import { repo } from './helpers/project';
import { cleanUp, synth, tempDir } from './helpers/synth';

afterAll(cleanUp);

/** The example organisation (support-answers: a knowledge base on Aurora pgvector) plus one on OpenSearch Serverless and a fine-tuning job, analysed. */
let outdir: string;
let catalog: Catalog;
beforeAll(() => {
  outdir = synth((app) => {
    const org = buildOrganisation(app);
    new KnowledgeBase(org, 'answers', { owner: 'data', description: 'Answers from documents', vectorStore: 'opensearch-serverless', indexReadyIn: ['staging'] });
    new FineTuningJob(org, 'tuned', { owner: 'data', description: 'A tuned model', baseModel: 'amazon.titan-text-express-v1', modelUnits: 1 });
  }).outdir;
  writeAnalysis(outdir, { usage: path.join(__dirname, '../usage') });
  catalog = JSON.parse(fs.readFileSync(path.join(outdir, 'catalog/catalog.json'), 'utf8'));
});

const resourcesOf = (service: string) => catalog.entities.filter(isKind('resource')).filter((e) => e.service === service).map((e) => [e.type, e.name, e.environment]).sort();

describe('catalog', () => {
  test('knowledge bases, vector stores and custom models are resources of their service, valid against the catalog schema', () => {
    expect(() => checkContract('catalog', catalog, 'catalog.json')).not.toThrow();
    expect(resourcesOf('support-answers').filter(([type]) => type !== 'bucket' && type !== 'repository')).toEqual([
      ['knowledge-base', 'support-answers-production-knowledge-base', 'production'],
      ['knowledge-base', 'support-answers-staging-knowledge-base', 'staging'],
      ['vector-store', 'support-answers-production-vectors-vector-store', 'production'],
      ['vector-store', 'support-answers-staging-vectors-vector-store', 'staging'],
    ]);
    expect(resourcesOf('answers').filter(([type]) => type === 'vector-store' || type === 'knowledge-base')).toEqual([
      ['knowledge-base', 'answers-staging-knowledge-base', 'staging'],
      ['vector-store', 'answers-production-vector-store', 'production'],
      ['vector-store', 'answers-staging-vector-store', 'staging'],
    ]);
    expect(resourcesOf('tuned').filter(([type]) => type === 'model')).toEqual([['model', 'tuned-production-model', 'production']]);
    const service = catalog.entities.find((e) => e.id === 'service:support-answers')!;
    expect(service).toMatchObject({ owner: 'storefront', goldenPath: 'knowledge-base' });
    expect(service.relations.filter((r) => r.type === 'dependsOn').map((r) => r.target).sort()).toEqual(expect.arrayContaining(['resource:support-answers-staging-knowledge-base', 'resource:support-answers-staging-vectors-vector-store']));
  });

  test("the new Backstage Resources pass Backstage's own validators and depend on their service", async () => {
    const documents = loadAll(fs.readFileSync(path.join(outdir, 'catalog/backstage/resources.yaml'), 'utf8')) as any[];
    const fresh = documents.filter((e) => ['knowledge-base', 'vector-store', 'model'].includes(e.spec.type));
    expect(fresh.map((e) => e.spec.type).sort()).toEqual(['knowledge-base', 'knowledge-base', 'knowledge-base', 'model', 'vector-store', 'vector-store', 'vector-store', 'vector-store']);
    const policy = EntityPolicies.allOf([new DefaultNamespaceEntityPolicy(), new NoForeignRootFieldsEntityPolicy(), new FieldFormatEntityPolicy(), new SchemaValidEntityPolicy()]);
    for (const e of fresh) {
      await expect(policy.enforce(e)).resolves.toBeDefined();
      await expect(resourceEntityV1alpha1Validator.check(e)).resolves.toBe(true);
      expect(e.spec.dependencyOf).toEqual(expect.arrayContaining([expect.stringMatching(/^component:default\/(support-answers|answers|tuned)$/)]));
    }
  });

  test('the example organisation has no open guardrail finding with the AI paths in it', () => {
    const policy = JSON.parse(fs.readFileSync(path.join(outdir, 'catalog/policy.json'), 'utf8'));
    expect(policy.findings.filter((f: any) => !f.suppressed).map((f: any) => `${f.rule} ${f.address}: ${f.message}`)).toEqual([]);
  });

  test('the cost report prices the new types, each line with its price key and provenance, under their service', () => {
    const cost = JSON.parse(fs.readFileSync(path.join(outdir, 'catalog/cost-report.json'), 'utf8'));
    const notPriced = new Set(cost.notPriced.resources.map((r: any) => r.type));
    const types = ['aws_bedrockagent_knowledge_base', 'aws_opensearchserverless_collection', 'aws_bedrock_custom_model', 'aws_bedrock_provisioned_model_throughput'];
    for (const type of types) {
      expect(notPriced.has(type)).toBe(false);
      const rows = cost.resources.filter((r: any) => r.type === type);
      expect(rows.length).toBeGreaterThan(0);
      for (const c of rows.flatMap((r: any) => r.components)) expect(c).toMatchObject({ item: expect.any(String), provenance: { source: expect.any(String) } });
    }
    expect(cost.resources.find((r: any) => r.type === 'aws_bedrock_custom_model')).toMatchObject({ service: 'tuned', team: 'data' });
    // Left unpriced, and listed as such: the Bedrock guardrail (billed per text unit; no price source
    // found) and the collection's VPC endpoint (whether OpenSearch Serverless bills it as PrivateLink is not established).
    expect([...notPriced].sort()).toEqual(['aws_bedrock_guardrail', 'aws_opensearchserverless_vpc_endpoint']);
  });
});

describe('PR report', () => {
  /** A copy of the analysed output with the staging stack edited as a pull request would change it. */
  function edited(change: (kb: any) => void): string {
    const copy = path.join(tempDir(), 'cdktf.out');
    fs.cpSync(outdir, copy, { recursive: true });
    const file = path.join(copy, 'stacks/staging-aws/cdk.tf.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    const [name] = Object.keys(json.resource.aws_bedrockagent_knowledge_base).filter((n) => n.startsWith('support-answers_'));
    change(json.resource.aws_bedrockagent_knowledge_base[name]);
    fs.writeFileSync(file, JSON.stringify(json));
    return copy;
  }
  const dangerOf = (head: string): PrReport['danger'] => {
    const out = tempDir();
    const result = spawnSync('node', [path.join(repo, 'dist/scripts/pr-report.js'), '--base', outdir, '--head', head, '--out', out], { encoding: 'utf8' });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    return (JSON.parse(fs.readFileSync(path.join(out, 'pr-report.json'), 'utf8')) as PrReport).danger;
  };

  test('a new embedding model is a danger line: the index is rebuilt', () => {
    const danger = dangerOf(edited((kb) => (kb.knowledge_base_configuration[0].vector_knowledge_base_configuration[0].embedding_model_arn = 'arn:aws:bedrock:us-east-1::foundation-model/cohere.embed-english-v3')));
    expect(danger).toEqual([expect.objectContaining({ stack: 'staging-aws', service: 'support-answers', owner: 'storefront', reason: 'embedding model changes (amazon.titan-embed-text-v2:0 → cohere.embed-english-v3): the knowledge base is replaced and its vector index rebuilt; every document is embedded again' })]);
  });

  test('another vector store is a danger line', () => {
    const danger = dangerOf(edited((kb) => (kb.storage_configuration = [{ type: 'OPENSEARCH_SERVERLESS', opensearch_serverless_configuration: [{ collection_arn: '${aws_opensearchserverless_collection.answers_vector-store_collection_1.arn}', vector_index_name: 'bedrock-knowledge-base' }] }])));
    expect(danger.map((d) => d.reason)).toEqual(['vector store changes (RDS → OPENSEARCH_SERVERLESS): the knowledge base is replaced and its vector index rebuilt; every document is embedded again']);
  });

  test('an unchanged knowledge base gives none', () => {
    expect(dangerOf(edited(() => undefined))).toEqual([]);
  });
});
