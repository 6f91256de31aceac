import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { importOfferFiles, OfferImport, shiftDecimal } from '../catalog/cost/offer-files';
import { offerSpecOf, priceItemOf } from '../catalog/cost/price-items';
import { PRICERS } from '../catalog/resource-types/tables';
import { isPartial, loadPriceTables } from '../catalog/cost/price-table';
import { Usage } from '../catalog/cost/usage';
import { SHARED_DATA, withSharedData } from './helpers/shared-data';
import { cleanUp, errorOf, tempDir } from './helpers/synth';

/** Real AWS Price List records (shared/data beside the repository): see aws-offers/README.md for their origins. */
const offers = path.join(SHARED_DATA, 'aws-offers');
const sharedM5 = path.join(SHARED_DATA, 'aws-pricing-ec2-m5-large.json');
const withOffers = withSharedData('aws-offers', 'aws-pricing-ec2-m5-large.json');
const elbNeighbours = path.join(offers, 'with-neighbours/AWSELB-us-east-1-20260911124544.json');
const natNeighbours = path.join(offers, 'with-neighbours/AmazonEC2-eu-west-1-20260925174521.json');
const elbCsv = path.join(offers, 'csv/AWSELB-us-east-1-20260831092255.csv');
const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
const ELB = ['elb.application.hour', 'elb.application.lcu', 'elb.network.hour', 'elb.network.nlcu'];
const skus = (result: { prices: ReadonlyMap<string, { usd: string; origin: object }> }) =>
  Object.fromEntries([...result.prices].map(([k, e]) => [k, { usd: e.usd, sku: 'offer' in e.origin ? (e.origin as { offer: { sku: string } }).offer.sku : '' }]));
afterAll(cleanUp);

test('decimal prices scale exactly (per request to per million)', () => {
  expect(shiftDecimal('0.0000004000', 6)).toBe('0.4');
  expect(shiftDecimal('0.0000050000', 4)).toBe('0.05');
  expect(shiftDecimal('0.0960000000', 0)).toBe('0.096');
  expect(shiftDecimal('12', 3)).toBe('12000');
});

withOffers.test('picks the right ELB products among the real untrimmed neighbours (trust store, Outposts, reserved LCU)', async () => {
  const result = await importOfferFiles('us-east-1', ELB, [elbNeighbours]);
  expect(skus(result)).toEqual({
    'elb.application.hour': { usd: '0.0225', sku: '37CUWUT8GSNQEPUV' },
    'elb.application.lcu': { usd: '0.008', sku: 'P2XGEJ8N3KU52WA8' },
    'elb.network.hour': { usd: '0.0225', sku: 'YKBGGP5EBGDU9T5W' },
    'elb.network.nlcu': { usd: '0.006', sku: 'XZ2DR556MD28P9WJ' },
  });
  expect(result.prices.get('elb.application.hour')!.origin).toEqual({
    offer: { offerCode: 'AWSELB', version: '20260911124544', sku: '37CUWUT8GSNQEPUV', rateCode: '37CUWUT8GSNQEPUV.JRTCKXETXF.6YS6EN2CT7', effectiveDate: '2026-08-01' },
  });
});

withOffers.test('picks the ordinary NAT gateway, not the Regional one, with the EU- usagetype prefix', async () => {
  const result = await importOfferFiles('eu-west-1', ['natgateway.hour', 'natgateway.gb'], [natNeighbours]);
  expect(skus(result)).toEqual({ 'natgateway.gb': { usd: '0.048', sku: 'DTH8595YVPFXV226' }, 'natgateway.hour': { usd: '0.048', sku: 'KFNSSCHWD43WZK2R' } });
  // The same records are no price of another region.
  expect((await importOfferFiles('us-east-1', ['natgateway.hour'], [natNeighbours])).missing).toEqual(['natgateway.hour']);
});

withOffers.test('the CSV offer slice gives the same products as the JSON records', async () => {
  const csv = await importOfferFiles('us-east-1', ELB, [elbCsv]);
  const json = await importOfferFiles('us-east-1', ELB, [elbNeighbours]);
  expect(skus(csv)).toEqual(skus(json));
  expect(csv.prices.get('elb.network.nlcu')!.origin).toMatchObject({ offer: { version: '20260831092255', rateCode: 'XZ2DR556MD28P9WJ.JRTCKXETXF.6YS6EN2CT7' } });
});

withOffers.test('tiers are kept and the first paid tier is the price; GetProducts items read the same way', async () => {
  const s3 = await importOfferFiles('us-east-1', ['s3.standard.storage', 's3.put.1k', 's3.get.1k'], [path.join(offers, 'AmazonS3-us-east-1-20260728131000.json')]);
  expect(s3.prices.get('s3.standard.storage')).toMatchObject({ usd: '0.023', unit: 'GB-Mo', tiers: [{ from: '0', to: '51200', usd: '0.023' }, { from: '51200', to: '512000', usd: '0.022' }, { from: '512000', usd: '0.021' }] });
  expect(s3.prices.get('s3.put.1k')).toMatchObject({ usd: '0.005', unit: '1K requests' });
  const m5 = await importOfferFiles('us-east-1', ['ec2.instance.m5.large'], [sharedM5]);
  expect(skus(m5)).toEqual({ 'ec2.instance.m5.large': { usd: '0.096', sku: '6C86BEPQVG73ZGGR' } });
});

test('RDS: shortened sizes in usage types (db.t3.2xl) and the engine "Any" among per-engine storage records', () => {
  // Products as AWS's AmazonRDS offer for eu-west-1 lists them: SKUs and attributes of real records
  // (cycloidio/terracost mysql/testdata/2023-02-23-pricing.sql.gz), prices as our table has them.
  const product = (sku: string, productFamily: string, attributes: Record<string, string>, unit: string, usd: string) => ({
    product: { sku, productFamily, attributes: { servicecode: 'AmazonRDS', regionCode: 'eu-west-1', locationType: 'AWS Region', location: 'EU (Ireland)', ...attributes } },
    term: { [`${sku}.JRTCKXETXF`]: { sku, offerTermCode: 'JRTCKXETXF', effectiveDate: '2023-02-01T00:00:00Z', priceDimensions: { [`${sku}.JRTCKXETXF.6YS6EN2CT7`]: { rateCode: `${sku}.JRTCKXETXF.6YS6EN2CT7`, unit, pricePerUnit: { USD: usd }, beginRange: '0', endRange: 'Inf' } } } },
  });
  const instance = (sku: string, engine: string, usd: string) =>
    product(sku, 'Database Instance', { usagetype: 'EU-Multi-AZUsage:db.t3.2xl', instanceType: 'db.t3.2xlarge', licenseModel: 'No license required', databaseEngine: engine, deploymentOption: 'Multi-AZ' }, 'Hrs', usd);
  const storage = (sku: string, engine: string) =>
    product(sku, 'Database Storage', { usagetype: 'EU-RDS:GP2-Storage', volumeType: 'General Purpose', databaseEngine: engine, deploymentOption: 'Single-AZ' }, 'GB-Mo', '0.1270000000');
  const records = [instance('RUM3RUH26JVMVAU6', 'PostgreSQL', '1.2480000000'), instance('XXFZVKEDK9JKHB8J', 'MySQL', '1.2480000000'), storage('H35JZY6XTTK5S9ZT', 'PostgreSQL'), storage('R8WRAJ8WCVQ3X8YM', 'Any'), storage('VYTC4NSAASCDGC5K', 'MySQL')];
  const doc = { offerCode: 'AmazonRDS', version: '20230201000000', products: Object.fromEntries(records.map((r) => [r.product.sku, r.product])), terms: { OnDemand: Object.fromEntries(records.map((r) => [r.product.sku, r.term])) } };
  const offer = new OfferImport('eu-west-1', ['rds.instance.postgres.db.t3.2xlarge.multi-az', 'rds.storage.gp2.single-az']);
  offer.addJson(doc, 'AmazonRDS-eu-west-1.json');
  const result = offer.result();
  expect(result.missing).toEqual([]);
  expect(Object.fromEntries([...result.prices].map(([key, e]) => [key, [e.usd, 'offer' in e.origin ? e.origin.offer.sku : '']]))).toEqual({
    'rds.instance.postgres.db.t3.2xlarge.multi-az': ['1.248', 'RUM3RUH26JVMVAU6'],
    'rds.storage.gp2.single-az': ['0.127', 'R8WRAJ8WCVQ3X8YM'],
  });
});

withOffers.test('two products for one item is an error naming both SKUs, never "last one wins"', () => {
  const doc = read(elbNeighbours);
  // A second real-looking product with the same identity under another SKU.
  doc.products.TWINTWINTWINTWIN = { ...doc.products['37CUWUT8GSNQEPUV'], sku: 'TWINTWINTWINTWIN' };
  doc.terms.OnDemand.TWINTWINTWINTWIN = { 'TWINTWINTWINTWIN.JRTCKXETXF': { ...doc.terms.OnDemand['37CUWUT8GSNQEPUV']['37CUWUT8GSNQEPUV.JRTCKXETXF'], sku: 'TWINTWINTWINTWIN' } };
  const offer = new OfferImport('us-east-1', ELB);
  offer.addJson(doc, 'twin.json');
  expect(errorOf(() => offer.result())).toBe(
    'The offer files do not identify one product per price item in us-east-1:\n  - elb.application.hour matches 2 products: 37CUWUT8GSNQEPUV (AWSELB 20260911124544), TWINTWINTWINTWIN (AWSELB 20260911124544)',
  );
});

withOffers.test('streams a large CSV offer file in the real column layout, keeping only the wanted rows', async () => {
  const [header, ...rows] = fs.readFileSync(elbCsv, 'utf8').split('\n').filter(Boolean).slice(5);
  const head = fs.readFileSync(elbCsv, 'utf8').split('\n').slice(0, 5).join('\n');
  const file = path.join(tempDir(), 'AWSELB-large.csv');
  // 25,000 rows of another product (another usagetype) before the real ones: far more than are kept.
  const filler = rows[0].replace('"LoadBalancerUsage"', '"USW2-DataProcessing-Bytes"');
  fs.writeFileSync(file, `${[head, header, ...Array.from({ length: 25_000 }, () => filler), ...rows].join('\n')}\n`);
  const size = fs.statSync(file).size;
  expect(size).toBeGreaterThan(10_000_000);
  const result = await importOfferFiles('us-east-1', ELB, [file]);
  expect(skus(result)).toEqual(skus(await importOfferFiles('us-east-1', ELB, [elbCsv])));
});

test('a CSV that is not an offer file gets one sentence', async () => {
  const file = path.join(tempDir(), 'not-offer.csv');
  fs.writeFileSync(file, 'a,b\n1,2\n');
  await expect(importOfferFiles('us-east-1', ELB, [file])).rejects.toThrow('not-offer.csv is not an AWS Price List CSV offer file: it has no "SKU" column row.');
});

describe('price items', () => {
  const tables = loadPriceTables();

  test('every shipped entry is a declared item with its unit and an offer mapping', () => {
    for (const table of tables.values()) {
      for (const key of Object.keys(table.prices)) {
        expect({ key, declared: Boolean(priceItemOf(key)), offer: Boolean(offerSpecOf(key)) }).toEqual({ key, declared: true, offer: true });
      }
    }
  });

  test('every key a pricer emits for common resources has an offer mapping and a price in every shipped region', () => {
    const resource = (type: string, body: Record<string, unknown>) => ({ stack: 's', address: `${type}.x`, type, body, ownership: {}, region: undefined }) as never;
    const resources = [
      ...['postgres', 'mysql', 'mariadb'].map((engine) => resource('aws_db_instance', { engine, instance_class: 'db.t3.large', allocated_storage: 20, manage_master_user_password: true })),
      resource('aws_db_instance', { engine: 'postgres', instance_class: 'db.m6g.xlarge', multi_az: true, storage_type: 'gp2' }),
      ...['aurora-postgresql', 'aurora-mysql'].flatMap((engine) => [resource('aws_rds_cluster', { engine }), resource('aws_rds_cluster_instance', { engine, instance_class: 'db.r6g.large' })]),
      resource('aws_kms_key', { enable_key_rotation: true }),
      ...Object.keys(PRICERS)
        .filter((t) => /^aws_(nat_gateway|eip|lb|eks_cluster|secretsmanager_secret|cloudwatch_|s3_bucket|sqs_queue|sns_topic|cloudfront_distribution|route53_zone|route53_record|api_gateway_rest_api|dynamodb_table|wafv2_web_acl)/.test(t))
        .map((t) => resource(t, {})),
      // The types real estates hold (issue #26) and the AI infrastructure types (issue #30), each in every shape it prices.
      resource('aws_ecs_service', { launch_type: 'FARGATE', task_definition: '${aws_ecs_task_definition.x.arn}', desired_count: 2 }),
      resource('aws_ecs_service', { capacity_provider_strategy: [{ capacity_provider: 'FARGATE' }], task_definition: 'arm', desired_count: 1 }),
      resource('aws_dynamodb_table', { billing_mode: 'PAY_PER_REQUEST' }),
      resource('aws_lambda_function', {}),
      resource('aws_lambda_function', { architectures: ['arm64'] }),
      resource('aws_apigatewayv2_api', { protocol_type: 'HTTP' }),
      resource('aws_apigatewayv2_api', { protocol_type: 'WEBSOCKET' }),
      resource('aws_eks_node_group', { scaling_config: [{ desired_size: 2 }] }),
      resource('aws_elasticache_replication_group', { node_type: 'cache.t4g.small', num_node_groups: 2, replicas_per_node_group: 1 }),
      ...['t3.small.search', 'm6g.large.elasticsearch', 'r6g.large.search', 't3.medium.search'].map((instance_type) =>
        resource('aws_opensearch_domain', { cluster_config: [{ instance_type }], ebs_options: [{ ebs_enabled: true, volume_type: 'gp3', volume_size: 10 }] })),
      resource('aws_elasticsearch_domain', { cluster_config: [{ instance_type: 't3.small.elasticsearch' }], ebs_options: [{ ebs_enabled: true, volume_size: 10 }] }),
      ...['db.t3.medium', 'db.r5.large'].map((instance_class) => resource('aws_docdb_cluster_instance', { instance_class })),
      resource('aws_docdb_cluster', {}),
      resource('aws_mq_broker', { engine_type: 'ActiveMQ', host_instance_type: 'mq.m5.large', deployment_mode: 'ACTIVE_STANDBY_MULTI_AZ' }),
      resource('aws_mq_broker', { engine_type: 'RabbitMQ', host_instance_type: 'mq.m5.large' }),
      ...['aurora-postgresql', 'aurora-mysql'].map((engine) => resource('aws_rds_cluster_instance', { engine, instance_class: 'db.serverless', cluster_identifier: '${aws_rds_cluster.x.id}' })),
      resource('aws_opensearchserverless_collection', { type: 'VECTORSEARCH' }),
      ...['amazon.titan-embed-text-v2:0', 'amazon.titan-embed-text-v1', 'cohere.embed-english-v3', 'cohere.embed-multilingual-v3'].map((model) =>
        resource('aws_bedrockagent_knowledge_base', { knowledge_base_configuration: [{ vector_knowledge_base_configuration: [{ embedding_model_arn: `arn:aws:bedrock:us-east-1::foundation-model/${model}` }] }] })),
      ...['amazon.titan-text-lite-v1', 'amazon.titan-text-express-v1:0:8k'].flatMap((model) => [
        resource('aws_bedrock_custom_model', { base_model_identifier: model, hyperparameters: { epochCount: '2' } }),
        ...[undefined, 'OneMonth', 'SixMonths'].map((commitment_duration) => resource('aws_bedrock_provisioned_model_throughput', { model_arn: model, model_units: 1, commitment_duration })),
        resource('aws_bedrockagent_agent', { foundation_model: model }),
      ]),
    ];
    const referenced: Record<string, unknown[]> = {
      aws_ecs_task_definition: [
        { address: 'aws_ecs_task_definition.x', type: 'aws_ecs_task_definition', body: { family: 'x', cpu: '256', memory: '512' } },
        { address: 'aws_ecs_task_definition.arm', type: 'aws_ecs_task_definition', body: { family: 'arm', cpu: '1 vCPU', memory: '2 GB', runtime_platform: [{ cpu_architecture: 'ARM64' }] } },
      ],
      aws_rds_cluster: [{ address: 'aws_rds_cluster.x', type: 'aws_rds_cluster', body: { serverlessv2_scaling_configuration: [{ min_capacity: 0.5, max_capacity: 4 }] } }],
    };
    const keys = new Set<string>();
    for (const r of resources) {
      const result = PRICERS[(r as { type: string }).type](r, { usage: Usage.NONE.figures(), isDeadLetterQueue: false, resourcesOfType: (type) => (referenced[type] ?? []) as never });
      expect({ resource: r, priced: 'charges' in result ? true : result.notPriced }).toEqual({ resource: r, priced: true });
      if ('charges' in result) for (const c of result.charges) keys.add(c.item);
    }
    expect(keys.size).toBeGreaterThan(70);
    for (const key of keys) {
      expect({ key, offer: Boolean(offerSpecOf(key)) }).toEqual({ key, offer: true });
      // Complete tables only: a partial table (complete: false) holds what a named source gives, and says so.
      for (const [region, table] of tables) if (!isPartial(table)) expect({ key, region, priced: Boolean(table.prices[key]) }).toEqual({ key, region, priced: true });
    }
  });

  test('every entry names its origin and the summary counts them honestly', () => {
    for (const table of tables.values()) {
      const entries = Object.values(table.prices);
      const offersCount = entries.filter((e) => 'offer' in e.origin).length;
      if (!isPartial(table)) expect(offersCount).toBeGreaterThan(0);
      expect(table.summary).toMatch(new RegExp(`^${offersCount} of ${entries.length} entries from AWS offer records`));
      expect(table.summary).toMatch(/\d+ transcribed and unverified$/);
    }
  });

  test('the complete tables are us-east-1 and eu-west-1; the other regions are partial and say so', () => {
    expect([...tables.values()].filter((t) => !isPartial(t)).map((t) => t.region)).toEqual(['eu-west-1', 'us-east-1']);
    expect([...tables.values()].filter(isPartial).map((t) => t.region)).toEqual(['eu-central-1', 'eu-west-2', 'us-east-2', 'us-west-2']);
    for (const t of [...tables.values()].filter(isPartial)) {
      expect(t.notes).toMatch(/^Partial table/);
      // Every entry of a partial table comes from a named reference, verified against the complete tables' agreement.
      for (const e of Object.values(t.prices)) expect(e.origin).toMatchObject({ reference: { verified: true } });
    }
  });

  test('new-region entries agree where two public sources give them', () => {
    const at = (region: string, key: string) => tables.get(region)!.prices[key];
    // us-west-2: ec2instances.info instance pages (commit 136b6119) and Infracost's us-west-2 terragrunt golden
    // ($140.16 for 1,460 hours of m5.large, $70.08 for 730 hours of m6i.large).
    expect([at('us-west-2', 'ec2.instance.m5.large').usd, at('us-west-2', 'ec2.instance.m6i.large').usd]).toEqual(['0.096', '0.096']);
    expect(at('us-west-2', 'ec2.instance.m5.large').origin).toMatchObject({ reference: { location: 'github vantage-sh/ec2instances.info www/m5.large.html' } });
    // eu-central-1: ec2instances.info RDS data (commit 278c7d9d) and the baserow Infracost output ($62.05 for 730 hours).
    expect(at('eu-central-1', 'rds.instance.aurora-postgresql.db.t4g.medium').usd).toBe('0.085');
    expect(at('eu-central-1', 'natgateway.hour')).toMatchObject({ usd: '0.052', origin: { reference: { location: 'github blackbird-cloud/terraform-aws-baserow costs.md', version: 'commit 25c2d469b0d745e727f3fb989f4af121f04f992f' } } });
    // ElastiCache cache.m5.large and cache.r5.large hold an Outposts record in the ec2instances.info data: never shipped.
    for (const region of ['us-east-2', 'us-west-2', 'eu-west-2', 'eu-central-1']) expect([at(region, 'elasticache.cache.m5.large'), at(region, 'elasticache.cache.r5.large')]).toEqual([undefined, undefined]);
  });

  test('eu-west-1 RDS PostgreSQL agrees with the published figures (ec2instances.info, Infracost)', () => {
    const eu = tables.get('eu-west-1')!.prices;
    expect(eu['rds.instance.postgres.db.m5.large.single-az'].usd).toBe('0.197');
    expect(eu['rds.instance.postgres.db.m6g.xlarge.multi-az'].usd).toBe('0.704');
    expect(eu['rds.instance.postgres.db.m5.large.single-az'].origin).toMatchObject({ reference: { location: 'github vantage-sh/ec2instances.info www/rds/instances.json', verified: true } });
  });

  // Figures read from Infracost's golden files (commit 95ba4f49 unless named): a change to any of them must be a sourced change.
  test.each([
    ['us-east-1', 'rds.instance.mysql.db.t3.small.multi-az', '0.068', 'hclmulti_project_infra.golden'], // $49.64 / 730 h
    ['us-east-1', 'rds.instance.mysql.db.t4g.small.multi-az', '0.065', 'db_instance_test.golden'], // $47.45 / 730 h
    ['us-east-1', 'rds.instance.mysql.db.t4g.small.single-az', '0.032', 'db_instance_test.golden'], // $23.36 / 730 h
    ['us-east-1', 'rds.storage.gp3.single-az', '0.115', 'db_instance_test.golden'], // 400 GB $46.00
    ['us-east-1', 'rds.aurora-mysql.storage', '0.10', 'rds_cluster_test.golden'],
    ['us-east-1', 'ec2.instance.m5.2xlarge', '0.384', 'breakdown_terraform_file_funcs.golden'], // $280.32 / 730 h
    ['eu-west-1', 'cloudfront.requests.10k', '0.012', 'cloudfront_distribution_test.golden'], // Europe, Israel HTTPS, commit c9eeda2f
    ['eu-west-1', 'sns.million', '0.50', 'sns_topic_test.golden'],
    ['us-east-1', 'efs.standard.storage', '0.30', 'efs_file_system_test.golden'], // 230 GB $69.00
    ['us-east-1', 'efs.one-zone.storage', '0.16', 'efs_file_system_test.golden'], // 230 GB $36.80
    ['us-east-1', 'route53.zone', '0.50', 'route53_zone_test.golden'],
    ['eu-west-1', 'route53.queries.million', '0.40', 'route53_record_test.golden'], // global: the same in every region
    ['us-east-1', 'fargate.x86.vcpu.hour', '0.04048', 'ecs_service_test.golden'], // 5 vCPU $147.75 a month
    ['us-east-1', 'fargate.x86.gb.hour', '0.004445', 'ecs_service_test.golden'], // 10 GB $32.45 a month
    ['us-east-1', 'dynamodb.wcu.hour', '0.00065', 'dynamodb_table_test.golden'], // 20 WCU $9.49
    ['us-east-1', 'dynamodb.write.million', '0.625', 'dynamodb_table_test.golden'], // 3M WRU $1.88
    ['us-east-1', 'lambda.x86.gb-second.million', '16.6667', 'lambda_function_test.golden'],
    ['us-east-1', 'opensearch.instance.c4.2xlarge.search', '0.587', 'opensearch_domain_test.golden'], // 2,190 h $1,285.53
    ['us-east-1', 'docdb.instance.db.t3.medium', '0.078', 'docdb_cluster_instance_test.golden'], // $56.94 / 730 h
    ['us-east-1', 'mq.instance.mq.m5.xlarge', '0.576', 'mq_broker_test.golden'], // $420.48 / 730 h
    ['us-east-1', 'rds.aurora-mysql.serverless-v2.acu', '0.12', 'rds_cluster_instance_test.golden'], // 3,650 ACU-h $438.00
    ['eu-west-1', 'fargate.x86.vcpu.hour', '0.04048', 'AmazonECS offer SKU K4EXFQ5YFQCP98EN'],
    ['eu-west-1', 'fargate.x86.gb.hour', '0.004445', 'AmazonECS offer SKU UP5ETC3QSW2QZGEY'],
  ])('%s %s is %s, as %s gives it', (region, key, usd, golden) => {
    const entry = tables.get(region)!.prices[key];
    expect(entry.usd).toBe(usd);
    expect(entry.origin).toMatchObject({ reference: { verified: true } });
    const sku = /^AmazonECS offer SKU (\w+)$/.exec(golden)?.[1];
    // eu-west-1 Fargate: the AmazonECS offer's records as issue #26 quotes them, named by SKU.
    if (sku) expect(entry.origin).toMatchObject({ reference: { title: expect.stringContaining(`SKU ${sku}`), version: 'AmazonECS offer 20260911124425' } });
    else expect('reference' in entry.origin && entry.origin.reference.location.endsWith(`/${golden}`)).toBe(true);
  });

  test('a price whose cited figure belongs to another engine is not claimed as verified', () => {
    // Infracost's $47.45 db.t4g.small Multi-AZ line is a MySQL instance (db_instance_test.tf: engine = "mysql").
    const entry = tables.get('us-east-1')!.prices['rds.instance.postgres.db.t4g.small.multi-az'];
    expect(entry.origin).toMatchObject({ reference: { verified: false } });
  });
});

describe('npm run prices', () => {
  const script = path.join(__dirname, '../dist/scripts/build-price-table.js');
  const copyTables = () => {
    const out = tempDir();
    for (const f of fs.readdirSync(path.join(__dirname, '../catalog/prices'))) fs.copyFileSync(path.join(__dirname, '../catalog/prices', f), path.join(out, f));
    return out;
  };

  withOffers.test('refreshes a table from offer files: only the entries found change origin, the summary is recomputed', () => {
    const out = copyTables();
    const result = spawnSync('node', [script, '--region', 'us-east-1', '--out', out, elbCsv], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Updated 4 prices');
    const table = loadPriceTables(out).get('us-east-1')!;
    expect(table.prices['elb.application.hour'].origin).toMatchObject({ offer: { version: '20260831092255' } });
    expect(table.prices['kms.key']).toEqual(loadPriceTables().get('us-east-1')!.prices['kms.key']);
  });

  withOffers.test('--check prints every difference above 0.5 % and writes nothing', () => {
    const out = copyTables();
    const file = path.join(out, 'us-east-1.json');
    const table = read(file);
    table.prices['elb.application.hour'].usd = '0.0200';
    fs.writeFileSync(file, JSON.stringify(table));
    const before = fs.readFileSync(file, 'utf8');
    const result = spawnSync('node', [script, '--region', 'us-east-1', '--out', out, '--check', elbCsv], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('elb.application.hour: table 0.0200, offer 0.0225 (+12.50 %), SKU 37CUWUT8GSNQEPUV');
    expect(result.stdout).not.toContain('elb.network.hour');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  test('a file that is not an offer: exit 1, a sentence, nothing written', () => {
    const out = tempDir();
    const bogus = path.join(tempDir(), 'bogus.json');
    fs.writeFileSync(bogus, '{"hello": 1}');
    const result = spawnSync('node', [script, '--region', 'us-east-1', '--out', out, bogus], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('bogus.json is not an AWS Price List offer');
    expect(fs.readdirSync(out)).toEqual([]);
  });
});
