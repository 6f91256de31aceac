/**
 * The billable types real estates hold (issue #26) and the AI infrastructure types (issue #30),
 * priced from hand-written .tf.json: exact monthly figures, in cents, from the shipped tables.
 */
import * as fs from 'fs';
import * as path from 'path';
import { estimate } from '../catalog/cost/estimate';
import { loadPriceTables } from '../catalog/cost/price-table';
import { Usage } from '../catalog/cost/usage';
import { estimateOf, items, lineOf, reasonOf } from './helpers/estimate-config';
import { cleanUp, tempDir } from './helpers/synth';

afterAll(cleanUp);
const provider = (region: string) => ({ aws: [{ region }] });

describe('ECS services on Fargate', () => {
  const config = (region: string) => ({
    provider: provider(region),
    resource: {
      aws_ecs_task_definition: {
        web: { family: 'web', cpu: '1024', memory: '2048', requires_compatibilities: ['FARGATE'], container_definitions: '[]' },
        worker: { family: 'worker', cpu: '0.5 vCPU', memory: '1 GB', runtime_platform: [{ cpu_architecture: 'ARM64', operating_system_family: 'LINUX' }], container_definitions: '[]' },
        nomemory: { family: 'nomemory', cpu: '256', container_definitions: '[]' },
      },
      aws_ecs_service: {
        web: { name: 'web', launch_type: 'FARGATE', task_definition: '${aws_ecs_task_definition.web.arn}', desired_count: 3 },
        worker: { name: 'worker', capacity_provider_strategy: [{ capacity_provider: 'FARGATE', weight: 1 }], task_definition: 'worker:7', desired_count: 2 },
        on_ec2: { name: 'ec2', task_definition: '${aws_ecs_task_definition.web.arn}', desired_count: 5 },
        spot: { name: 'spot', capacity_provider_strategy: [{ capacity_provider: 'FARGATE_SPOT' }], task_definition: 'web' },
        elsewhere: { name: 'x', launch_type: 'FARGATE', task_definition: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/other:3', desired_count: 1 },
        variable: { name: 'v', launch_type: 'FARGATE', task_definition: '${var.task_definition}', desired_count: 1 },
        nomemory: { name: 'n', launch_type: 'FARGATE', task_definition: '${aws_ecs_task_definition.nomemory.arn}', desired_count: 1 },
      },
    },
  });

  test.each(['us-east-1', 'eu-west-1'])('in %s: desired_count × the task definition\'s vCPU and GB, per hour (3 × 1 vCPU, 2 GB: $88.65 + $19.47, as Infracost gives it)', (region) => {
    const e = estimateOf(config(region));
    expect(items(e, 'aws_ecs_service.web')).toEqual([
      ['fargate.x86.vcpu.hour', 2190, '0.04048', 8865],
      ['fargate.x86.gb.hour', 4380, '0.004445', 1947],
    ]);
    // ARM64 at the Arm rate; a literal family:revision finds the definition.
    expect(items(e, 'aws_ecs_service.worker')).toEqual([
      ['fargate.arm.vcpu.hour', 730, '0.03238', 2364],
      ['fargate.arm.gb.hour', 1460, '0.00356', 520],
    ]);
  });

  test('eu-west-1 Fargate is the AmazonECS offer\'s price, named by SKU', () => {
    const e = estimateOf(config('eu-west-1'));
    expect(lineOf(e, 'aws_ecs_service.web')!.components.map((c) => c.provenance)).toEqual([
      expect.objectContaining({ verified: true, source: expect.stringContaining('SKU K4EXFQ5YFQCP98EN') }),
      expect.objectContaining({ verified: true, source: expect.stringContaining('SKU UP5ETC3QSW2QZGEY') }),
    ]);
  });

  test('a usage file\'s Kubernetes node prices never change what ECS tasks cost', () => {
    const e = estimateOf(config('us-east-1'), {}, { kubernetes: { vcpuHourUsd: '0.01', gibHourUsd: '0.001' } });
    expect(items(e, 'aws_ecs_service.web')!.map((c) => c[2])).toEqual(['0.04048', '0.004445']);
  });

  test('a Kubernetes workload\'s pod requests, priced at the same Fargate keys, take the usage file\'s node prices', () => {
    const usageDir = tempDir();
    fs.writeFileSync(path.join(usageDir, 'defaults.json'), JSON.stringify({ kubernetes: { vcpuHourUsd: '0.01', gibHourUsd: '0.001' } }));
    const container = { name: 'web', image: 'web:1', resources: [{ requests: { cpu: '500m', memory: '1Gi' } }] };
    // A workload's region comes from its environment in a Groundwork organisation; here it is given on the record.
    const web = { stack: 's', type: 'kubernetes_deployment', name: 'web', address: 'kubernetes_deployment.web', provider: 'kubernetes', region: 'us-east-1', tags: {}, ownership: {}, body: { metadata: [{ name: 'web' }], spec: [{ replicas: 2, template: [{ spec: [{ container: [container] }] }] }] } };
    const e = estimate([], { tables: loadPriceTables(), usage: Usage.load(usageDir), freeTiers: false }, [web]);
    expect([items(e, 'kubernetes_deployment.web'), e.notPriced]).toEqual([
      [
        ['fargate.x86.vcpu.hour', 730, '0.01', 730],
        ['fargate.x86.gb.hour', 1460, '0.001', 146],
      ],
      [],
    ]);
  });

  test('on EC2 the service itself is free; what cannot be known is not priced, with the reason', () => {
    const e = estimateOf(config('us-east-1'));
    expect(lineOf(e, 'aws_ecs_service.on_ec2')).toBeUndefined();
    expect(reasonOf(e, 'aws_ecs_service.on_ec2')).toBeUndefined();
    expect(reasonOf(e, 'aws_ecs_service.spot')).toBe('capacity_provider_strategy other than FARGATE alone (Spot or EC2 capacity providers) is decided at run time');
    expect(reasonOf(e, 'aws_ecs_service.elsewhere')).toBe('ecs task definition "arn:aws:ecs:eu-west-1:123456789012:task-definition/other:3" is not a resource of this configuration');
    expect(reasonOf(e, 'aws_ecs_service.variable')).toBe('ecs task definition "${var.task_definition}" is not a resource of this configuration');
    expect(reasonOf(e, 'aws_ecs_service.nomemory')).toBe('aws_ecs_task_definition.nomemory sets no task-level memory (Fargate requires it)');
  });

  test('a negative desired_count stops with one sentence naming the address', () => {
    const bad = config('us-east-1');
    bad.resource.aws_ecs_service.web.desired_count = -1;
    expect(() => estimateOf(bad)).toThrow('aws_ecs_service.web sets desired_count to -1, which is not a quantity Groundwork can price');
  });
});

describe('DynamoDB', () => {
  const config = {
    provider: provider('us-east-1'),
    resource: {
      aws_dynamodb_table: {
        provisioned: { name: 'p', hash_key: 'id', read_capacity: 30, write_capacity: 20, attribute: [{ name: 'id', type: 'S' }] },
        on_demand: { name: 'o', hash_key: 'id', billing_mode: 'PAY_PER_REQUEST', attribute: [{ name: 'id', type: 'S' }] },
        global: { name: 'g', hash_key: 'id', billing_mode: 'PAY_PER_REQUEST', replica: [{ region_name: 'us-east-2' }] },
        computed: { name: 'c', hash_key: 'id', billing_mode: '${var.mode}' },
      },
    },
  };

  test('provisioned: 20 WCU $9.49 and 30 RCU $2.85; on demand: 3 M writes $1.88 and 8 M reads $1.00, as Infracost gives them; storage from the usage file', () => {
    const e = estimateOf(config, { dynamodbStorageGb: 30, dynamodbWriteRequestsMillions: 3, dynamodbReadRequestsMillions: 8 });
    expect(items(e, 'aws_dynamodb_table.provisioned')).toEqual([
      ['dynamodb.wcu.hour', 14600, '0.00065', 949],
      ['dynamodb.rcu.hour', 21900, '0.00013', 285],
      ['dynamodb.storage', 30, '0.25', 750],
    ]);
    expect(items(e, 'aws_dynamodb_table.on_demand')).toEqual([
      ['dynamodb.write.million', 3, '0.625', 188],
      ['dynamodb.read.million', 8, '0.125', 100],
      ['dynamodb.storage', 30, '0.25', 750],
    ]);
    expect(reasonOf(e, 'aws_dynamodb_table.global')).toBe('global table replicas (replica blocks) are billed in their own regions: not priced yet');
    expect(reasonOf(e, 'aws_dynamodb_table.computed')).toBe('billing_mode is not a literal ("${var.mode}")');
  });
});

describe('Lambda and API Gateway (usage)', () => {
  const config = (region: string) => ({
    provider: provider(region),
    resource: {
      aws_lambda_function: {
        x86: { function_name: 'a', role: 'r', memory_size: 512 },
        arm: { function_name: 'b', role: 'r', memory_size: 512, architectures: ['arm64'] },
      },
      aws_api_gateway_rest_api: { rest: { name: 'rest' } },
      aws_apigatewayv2_api: { http: { name: 'http', protocol_type: 'HTTP' }, ws: { name: 'ws', protocol_type: 'WEBSOCKET' } },
    },
  });
  const usage = { lambdaRequestsMillions: 0.1, lambdaAverageDurationMs: 350, restApiRequestsMillions: 10, httpApiRequestsMillions: 300, websocketMessagesMillions: 1000, websocketConnectionMinutesMillions: 10 };

  test('us-east-1: 100,000 invocations × 350 ms × 512 MB = 17,500 GB-seconds, $0.29 on x86 and $0.23 on Arm, as Infracost gives them', () => {
    const e = estimateOf(config('us-east-1'), usage);
    expect(items(e, 'aws_lambda_function.x86')).toEqual([
      ['lambda.requests.million', 0.1, '0.20', 2],
      ['lambda.x86.gb-second.million', 0.0175, '16.6667', 29],
    ]);
    expect(items(e, 'aws_lambda_function.arm')).toEqual([
      ['lambda.requests.million', 0.1, '0.20', 2],
      ['lambda.arm.gb-second.million', 0.0175, '13.3334', 23],
    ]);
    expect(items(e, 'aws_api_gateway_rest_api.rest')).toEqual([['apigateway.rest.million', 10, '3.50', 3500]]);
    expect(items(e, 'aws_apigatewayv2_api.http')).toEqual([['apigateway.http.million', 300, '1.00', 30000]]);
    expect(items(e, 'aws_apigatewayv2_api.ws')).toEqual([
      ['apigateway.websocket.messages.million', 1000, '1.00', 100000],
      ['apigateway.websocket.minutes.million', 10, '0.25', 250],
    ]);
  });

  test('without usage figures a function and an API are priced at zero, never left out', () => {
    const e = estimateOf(config('eu-west-1'));
    expect(items(e, 'aws_lambda_function.x86')).toEqual([
      ['lambda.requests.million', 0, '0.20', 0],
      ['lambda.x86.gb-second.million', 0, '16.6667', 0],
    ]);
    expect(items(e, 'aws_apigatewayv2_api.http')).toEqual([['apigateway.http.million', 0, '1.11', 0]]);
  });
});

describe('EKS node groups', () => {
  const config = {
    provider: provider('us-east-1'),
    resource: {
      aws_launch_template: { nodes: { name: 'nodes', instance_type: 'm5.large', block_device_mappings: [{ device_name: '/dev/xvda', ebs: [{ volume_size: 100, volume_type: 'gp3' }] }] } },
      aws_eks_node_group: {
        plain: { cluster_name: 'c', node_role_arn: 'r', subnet_ids: ['s'], scaling_config: [{ desired_size: 3, max_size: 3, min_size: 1 }] },
        templated: { cluster_name: 'c', node_role_arn: 'r', subnet_ids: ['s'], scaling_config: [{ desired_size: 2, max_size: 3, min_size: 1 }], launch_template: [{ id: '${aws_launch_template.nodes.id}', version: '1' }] },
        spot: { cluster_name: 'c', node_role_arn: 'r', subnet_ids: ['s'], capacity_type: 'SPOT', scaling_config: [{ desired_size: 2, max_size: 3, min_size: 1 }] },
      },
    },
  };

  test('desired size × the instance type (t3.medium by default: 3 × $30.37) and the node disk (20 GB gp2 each); a launch template gives both', () => {
    const e = estimateOf(config);
    expect(items(e, 'aws_eks_node_group.plain')).toEqual([
      ['ec2.instance.t3.medium', 2190, '0.0416', 9110],
      ['ebs.gp2.storage', 60, '0.10', 600],
    ]);
    expect(items(e, 'aws_eks_node_group.templated')).toEqual([
      ['ec2.instance.m5.large', 1460, '0.096', 14016],
      ['ebs.gp3.storage', 200, '0.08', 1600],
    ]);
    expect(reasonOf(e, 'aws_eks_node_group.spot')).toBe('capacity_type "SPOT": only ON_DEMAND nodes are priced');
  });
});

describe('OpenSearch domains, DocumentDB, Amazon MQ', () => {
  const config = {
    provider: provider('us-east-1'),
    resource: {
      aws_opensearch_domain: {
        logs: {
          domain_name: 'logs',
          cluster_config: [{ instance_type: 'c4.2xlarge.search', instance_count: 3, dedicated_master_enabled: true, dedicated_master_type: 'c4.8xlarge.search', dedicated_master_count: 1, warm_enabled: true, warm_count: 2, warm_type: 'ultrawarm1.medium.search' }],
          ebs_options: [{ ebs_enabled: true, volume_size: 400, volume_type: 'gp2' }],
        },
        io1: { domain_name: 'io', cluster_config: [{ instance_type: 'c4.2xlarge.search' }], ebs_options: [{ ebs_enabled: true, volume_size: 10, volume_type: 'io1' }] },
      },
      aws_elasticsearch_domain: { legacy: { domain_name: 'legacy', cluster_config: [{ instance_type: 'c4.2xlarge.elasticsearch' }], ebs_options: [{ ebs_enabled: true, volume_size: 123, volume_type: 'standard' }] } },
      aws_docdb_cluster: { c: { cluster_identifier: 'c', master_username: 'u', master_password: 'p' }, optimized: { cluster_identifier: 'o', storage_type: 'iopt1' } },
      aws_docdb_cluster_instance: { db: { identifier: 'db', cluster_identifier: '${aws_docdb_cluster.c.id}', instance_class: 'db.t3.medium' } },
      aws_mq_broker: {
        rabbit: { broker_name: 'r', engine_type: 'RabbitMQ', engine_version: '3.13', host_instance_type: 'mq.m5.xlarge', deployment_mode: 'CLUSTER_MULTI_AZ', user: [{ username: 'u', password: 'p' }] },
        active: { broker_name: 'a', engine_type: 'ActiveMQ', engine_version: '5.18', host_instance_type: 'mq.m5.large', deployment_mode: 'ACTIVE_STANDBY_MULTI_AZ', user: [{ username: 'u', password: 'p' }] },
      },
    },
  };

  test('OpenSearch: data nodes, dedicated masters and UltraWarm nodes per hour, as Infracost gives them; EBS storage per data node', () => {
    const e = estimateOf(config, { mqStorageGb: 30 });
    // Infracost counts volume_size once ($54.00); AWS sizes it per data node (ebs_options "size of EBS volumes attached to data nodes"), so 3 × 400 GB.
    expect(items(e, 'aws_opensearch_domain.logs')).toEqual([
      ['opensearch.instance.c4.2xlarge.search', 2190, '0.587', 128553],
      ['opensearch.instance.c4.8xlarge.search', 730, '2.347', 171331],
      ['opensearch.instance.ultrawarm1.medium.search', 1460, '0.238', 34748],
      ['opensearch.storage.gp2', 1200, '0.135', 16200],
    ]);
    // The Elasticsearch-era type and instance names price as OpenSearch's ($8.24 for 123 GB magnetic, as Infracost gives it).
    expect(items(e, 'aws_elasticsearch_domain.legacy')).toEqual([
      ['opensearch.instance.c4.2xlarge.search', 730, '0.587', 42851],
      ['opensearch.storage.standard', 123, '0.067', 824],
    ]);
    expect(reasonOf(e, 'aws_opensearch_domain.io1')).toBe('ebs_options.volume_type "io1": only gp2, gp3, standard storage is priced');
  });

  test('DocumentDB: instance hours ($56.94 for db.t3.medium), cluster storage and I/O; Amazon MQ: brokers × hours by deployment mode, storage from the usage file', () => {
    const e = estimateOf(config, { mqStorageGb: 30 });
    expect(items(e, 'aws_docdb_cluster_instance.db')).toEqual([['docdb.instance.db.t3.medium', 730, '0.078', 5694]]);
    // Storage and I/O on the cluster: 1,000 GB $100.00 and 10 M requests $2.00, as Infracost gives them.
    expect(items(estimateOf(config, { docdbStorageGb: 1000, docdbIoMillions: 10 }), 'aws_docdb_cluster.c')).toEqual([
      ['docdb.storage', 1000, '0.10', 10000],
      ['docdb.io.million', 10, '0.20', 200],
    ]);
    expect(reasonOf(e, 'aws_docdb_cluster.optimized')).toBe('storage_type "iopt1": only standard storage (priced per I/O) is priced');
    expect(items(e, 'aws_mq_broker.rabbit')).toEqual([
      ['mq.instance.mq.m5.xlarge', 2190, '0.576', 126144],
      ['mq.storage.ebs', 30, '0.10', 300],
    ]);
    expect(items(e, 'aws_mq_broker.active')).toEqual([
      ['mq.instance.mq.m5.large', 1460, '0.288', 42048],
      ['mq.storage.efs', 30, '0.30', 900],
    ]);
  });
});

describe('AI infrastructure (issue #30)', () => {
  const config = (region: string) => ({
    provider: provider(region),
    resource: {
      aws_rds_cluster: {
        vectors: { cluster_identifier: 'vectors', engine: 'aurora-postgresql', engine_mode: 'provisioned', serverlessv2_scaling_configuration: [{ min_capacity: 2, max_capacity: 8 }] },
      },
      aws_rds_cluster_instance: {
        writer: { identifier: 'w', cluster_identifier: '${aws_rds_cluster.vectors.id}', instance_class: 'db.serverless', engine: '${aws_rds_cluster.vectors.engine}' },
        orphan: { identifier: 'o', cluster_identifier: 'elsewhere', instance_class: 'db.serverless', engine: 'aurora-postgresql' },
      },
      aws_opensearchserverless_collection: {
        redundant: { name: 'kb', type: 'VECTORSEARCH' },
        single: { name: 'dev', type: 'VECTORSEARCH', standby_replicas: 'DISABLED' },
      },
      aws_opensearchserverless_security_policy: { encryption: { name: 'kb', type: 'encryption', policy: '{}' } },
      aws_opensearchserverless_access_policy: { data: { name: 'kb', type: 'data', policy: '[]' } },
      aws_bedrockagent_knowledge_base: {
        kb: {
          name: 'kb',
          role_arn: 'r',
          knowledge_base_configuration: [{ type: 'VECTOR', vector_knowledge_base_configuration: [{ embedding_model_arn: `arn:aws:bedrock:${region}::foundation-model/amazon.titan-embed-text-v2:0` }] }],
        },
      },
      aws_bedrockagent_data_source: { docs: { name: 'docs', knowledge_base_id: '${aws_bedrockagent_knowledge_base.kb.id}' } },
      aws_bedrock_custom_model: {
        tuned: { custom_model_name: 'tuned', job_name: 'j', role_arn: 'r', base_model_identifier: `arn:aws:bedrock:${region}::foundation-model/amazon.titan-text-express-v1:0:8k`, hyperparameters: { epochCount: '2', batchSize: '1' } },
        defaults: { custom_model_name: 'd', job_name: 'j', role_arn: 'r', base_model_identifier: 'amazon.titan-text-lite-v1' },
      },
      aws_bedrock_provisioned_model_throughput: {
        serving: { provisioned_model_name: 's', model_arn: '${aws_bedrock_custom_model.tuned.custom_model_arn}', model_units: 1 },
        committed: { provisioned_model_name: 'c', model_arn: 'amazon.titan-text-lite-v1', model_units: 2, commitment_duration: 'SixMonths' },
      },
      aws_bedrock_model_invocation_logging_configuration: { logging: { logging_config: [{ text_data_delivery_enabled: true }] } },
      aws_bedrockagent_agent: { helper: { agent_name: 'helper', agent_resource_role_arn: 'r', foundation_model: 'anthropic.claude-3-haiku-20240307-v1:0' } },
    },
  });
  const usage = { bedrockEmbeddingTokensMillions: 100, bedrockTrainingTokensMillions: 10 };

  test('Aurora Serverless v2: the cluster\'s min_capacity is the floor (2 ACU: $175.20), the usage figure the average (5 ACU: $438.00, as Infracost gives it)', () => {
    expect(items(estimateOf(config('us-east-1'), usage), 'aws_rds_cluster_instance.writer')).toEqual([['rds.aurora-postgresql.serverless-v2.acu', 1460, '0.12', 17520]]);
    const average = estimateOf(config('us-east-1'), { auroraServerlessAverageAcu: 5 });
    expect(items(average, 'aws_rds_cluster_instance.writer')).toEqual([['rds.aurora-postgresql.serverless-v2.acu', 3650, '0.12', 43800]]);
    expect(items(estimateOf(config('us-east-1'), { auroraServerlessAverageAcu: 20 }), 'aws_rds_cluster_instance.writer')).toEqual([['rds.aurora-postgresql.serverless-v2.acu', 5840, '0.12', 70080]]);
    expect(reasonOf(average, 'aws_rds_cluster_instance.orphan')).toBe('rds cluster "elsewhere" is not a resource of this configuration: its serverlessv2_scaling_configuration gives the minimum ACUs');
  });

  test('OpenSearch Serverless: 1 indexing and 1 search OCU at least with standby replicas, 0.5 each without', () => {
    const e = estimateOf(config('eu-west-1'), { opensearchServerlessStorageGb: 50 });
    expect(items(e, 'aws_opensearchserverless_collection.redundant')).toEqual([
      ['aoss.indexing.ocu.hour', 730, '0.24', 17520],
      ['aoss.search.ocu.hour', 730, '0.24', 17520],
      ['aoss.storage', 50, '0.024', 120],
    ]);
    expect(items(e, 'aws_opensearchserverless_collection.single')).toEqual([
      ['aoss.indexing.ocu.hour', 365, '0.24', 8760],
      ['aoss.search.ocu.hour', 365, '0.24', 8760],
      ['aoss.storage', 50, '0.024', 120],
    ]);
    const busy = estimateOf(config('eu-west-1'), { opensearchServerlessIndexingOcus: 4, opensearchServerlessSearchOcus: 0.2 });
    expect(items(busy, 'aws_opensearchserverless_collection.redundant')!.slice(0, 2)).toEqual([
      ['aoss.indexing.ocu.hour', 2920, '0.24', 70080],
      ['aoss.search.ocu.hour', 730, '0.24', 17520],
    ]);
  });

  test('Bedrock: embedding tokens of the knowledge base, the customization job (tokens × epochs) and model storage, model units per hour', () => {
    const e = estimateOf(config('us-east-1'), usage);
    expect(items(e, 'aws_bedrockagent_knowledge_base.kb')).toEqual([['bedrock.embedding.amazon.titan-embed-text-v2.million', 100, '0.02', 200]]);
    expect(items(e, 'aws_bedrock_custom_model.tuned')).toEqual([
      ['bedrock.training.amazon.titan-text-express-v1.million', 20, '8.00', 16000],
      ['bedrock.custom-model.storage', 1, '1.95', 195],
    ]);
    expect(reasonOf(e, 'aws_bedrock_custom_model.defaults')).toBe('hyperparameters.epochCount not set: the base model\'s default epoch count is not priced');
    // A provisioned custom model is priced at its base model's rate.
    expect(items(e, 'aws_bedrock_provisioned_model_throughput.serving')).toEqual([['bedrock.provisioned.amazon.titan-text-express-v1.no-commitment', 730, '20.50', 1496500]]);
    expect(items(e, 'aws_bedrock_provisioned_model_throughput.committed')).toEqual([['bedrock.provisioned.amazon.titan-text-lite-v1.6-month', 1460, '5.10', 744600]]);
    // An agent's on-demand inference tokens, input and output at their own rates.
    const agent = estimateOf(config('us-east-1'), { bedrockInputTokensMillions: 40, bedrockOutputTokensMillions: 4 });
    expect(items(agent, 'aws_bedrockagent_agent.helper')).toEqual([
      ['bedrock.inference.anthropic.claude-3-haiku-20240307-v1.input.million', 40, '0.25', 1000],
      ['bedrock.inference.anthropic.claude-3-haiku-20240307-v1.output.million', 4, '1.25', 500],
    ]);
    // Unverified figures say so in their provenance.
    expect(lineOf(e, 'aws_bedrockagent_knowledge_base.kb')!.components[0].provenance).toMatchObject({ verified: false });
  });

  test('the policies, the data source and the logging configuration are free; nothing of the path is left unpriced without a reason', () => {
    const e = estimateOf(config('us-east-1'), usage);
    for (const address of ['aws_opensearchserverless_security_policy.encryption', 'aws_opensearchserverless_access_policy.data', 'aws_bedrockagent_data_source.docs', 'aws_bedrock_model_invocation_logging_configuration.logging']) {
      expect({ address, line: lineOf(e, address), reason: reasonOf(e, address) }).toEqual({ address, line: undefined, reason: undefined });
    }
    expect(e.notPriced.map((n) => n.address).sort()).toEqual(['aws_bedrock_custom_model.defaults', 'aws_rds_cluster_instance.orphan']);
  });
});

describe('Aurora cluster instances', () => {
  test('an instance whose engine names its cluster\'s is priced at the cluster\'s engine; an engine nobody states is not priced', () => {
    const e = estimateOf({
      provider: provider('us-east-1'),
      resource: {
        aws_rds_cluster: { orders: { cluster_identifier: 'orders', engine: 'aurora-mysql' } },
        aws_rds_cluster_instance: {
          one: { identifier: 'one', cluster_identifier: '${aws_rds_cluster.orders.id}', instance_class: 'db.r6g.large', engine: '${aws_rds_cluster.orders.engine}' },
          two: { identifier: 'two', cluster_identifier: '${var.cluster}', instance_class: 'db.r6g.large', engine: '${var.engine}' },
        },
      },
    });
    expect(lineOf(e, 'aws_rds_cluster_instance.one')!.components.map((c) => c.item)).toEqual(['rds.instance.aurora-mysql.db.r6g.large']);
    expect(reasonOf(e, 'aws_rds_cluster_instance.two')).toBe('engine is not a literal ("${var.engine}")');
  });
});

describe('hostile and malformed input', () => {
  const one = (resource: object) => ({ provider: provider('us-east-1'), resource });

  test('a task size that is not a number stops with one sentence naming the task definition and the attribute', () => {
    const config = one({
      aws_ecs_task_definition: { web: { family: 'web', cpu: 'lots', memory: '512', container_definitions: '[]' } },
      aws_ecs_service: { web: { name: 'web', launch_type: 'FARGATE', task_definition: '${aws_ecs_task_definition.web.arn}', desired_count: 1 } },
    });
    expect(() => estimateOf(config)).toThrow(/aws_ecs_task_definition\.web sets cpu to "lots", which is not a quantity Groundwork can price: it must be a number from 0 to 1000000\.$/);
  });

  test('expressions and names Groundwork cannot read are not priced, each with its reason; nothing is priced in part', () => {
    const e = estimateOf(
      one({
        aws_lambda_function: { f: { function_name: 'f', role: 'r', architectures: '${var.arch}' } },
        aws_eks_node_group: { n: { cluster_name: 'c', node_role_arn: 'r', subnet_ids: ['s'], scaling_config: [{ desired_size: '${var.n}' }] } },
        aws_opensearch_domain: { d: { domain_name: 'd' } },
        aws_bedrockagent_knowledge_base: { kb: { name: 'kb', role_arn: 'r', knowledge_base_configuration: [{ type: 'VECTOR', vector_knowledge_base_configuration: [{ embedding_model_arn: 'arn:aws:bedrock:us-east-1:123456789012:custom-model/x' }] }] } },
        aws_bedrock_provisioned_model_throughput: { p: { provisioned_model_name: 'p', model_arn: 'amazon.titan-text-lite-v1', model_units: 1, commitment_duration: 'OneYear' } },
        aws_mq_broker: { b: { broker_name: 'b', engine_type: 'ActiveMQ', host_instance_type: 'mq.m5.large', deployment_mode: 'EVERYWHERE' } },
        aws_apigatewayv2_api: { a: { name: 'a', protocol_type: 'GRPC' } },
      }),
    );
    expect(Object.fromEntries(e.notPriced.map((n) => [n.address, n.reason]))).toEqual({
      'aws_lambda_function.f': 'architectures is not a literal ("${var.arch}")',
      'aws_eks_node_group.n': 'scaling_config.desired_size is not a literal ("${var.n}")',
      'aws_opensearch_domain.d': 'cluster_config.instance_type not set (the provider\'s default depends on the engine version)',
      'aws_bedrockagent_knowledge_base.kb': 'knowledge_base_configuration.vector_knowledge_base_configuration.embedding_model_arn "arn:aws:bedrock:us-east-1:123456789012:custom-model/x" is not a foundation model',
      'aws_bedrock_provisioned_model_throughput.p': 'commitment_duration "OneYear" is neither OneMonth nor SixMonths',
      'aws_mq_broker.b': 'deployment_mode "EVERYWHERE" is not one Amazon MQ has',
      'aws_apigatewayv2_api.a': 'protocol_type "GRPC" is neither HTTP nor WEBSOCKET',
    });
    expect(e.lines).toEqual([]);
  });
});
