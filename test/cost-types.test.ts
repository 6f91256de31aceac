import * as fs from 'fs';
import * as path from 'path';
import { estimate, Estimate } from '../catalog/cost/estimate';
import { loadPriceTables } from '../catalog/cost/price-table';
import { Usage } from '../catalog/cost/usage';
import { readTerraformOutput } from '../catalog/terraform/terraform-output';
import { cleanUp, tempDir } from './helpers/synth';

afterAll(cleanUp);
const tables = loadPriceTables();

/** Estimates one main.tf.json in a fresh folder, with usage/defaults.json holding `usage`. */
function estimateOf(config: object, usage: object = {}): Estimate {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(config));
  const usageDir = path.join(tempDir(), 'usage');
  fs.mkdirSync(usageDir);
  fs.writeFileSync(path.join(usageDir, 'defaults.json'), JSON.stringify({ usage }));
  return estimate(readTerraformOutput(dir), { tables, usage: Usage.load(usageDir), freeTiers: false });
}
const lineOf = (e: Estimate, address: string) => e.lines.find((l) => l.address === address);
const reasonOf = (e: Estimate, address: string) => e.notPriced.find((n) => n.address === address)?.reason;
const items = (e: Estimate, address: string) => lineOf(e, address)?.components.map((c) => [c.item, c.quantity, c.unitUsd, c.monthlyCents]);

describe('Route 53', () => {
  const config = (region: string) => ({
    provider: { aws: [{ region }] },
    resource: {
      aws_route53_zone: { zone: { name: 'example.com' } },
      aws_route53_record: {
        www: { zone_id: '${aws_route53_zone.zone.zone_id}', name: 'www.example.com', type: 'A', ttl: 300, records: ['10.0.0.1'] },
        apex: { zone_id: '${aws_route53_zone.zone.zone_id}', name: 'example.com', type: 'A', alias: [{ name: 'd111111abcdef8.cloudfront.net', zone_id: 'Z2FDTNDATAQYW2', evaluate_target_health: false }] },
        near: { zone_id: '${aws_route53_zone.zone.zone_id}', name: 'api.example.com', type: 'A', ttl: 60, records: ['10.0.0.2'], set_identifier: 'eu', latency_routing_policy: [{ region: 'eu-west-1' }] },
      },
    },
  });

  test.each(['us-east-1', 'eu-west-1'])('in %s: a hosted zone is $0.50 a month and standard queries $0.40 per million from the usage file (global prices)', (region) => {
    const e = estimateOf(config(region), { route53QueriesMillions: 25 });
    expect(items(e, 'aws_route53_zone.zone')).toEqual([['route53.zone', 1, '0.50', 50]]);
    expect(items(e, 'aws_route53_record.www')).toEqual([['route53.queries.million', 25, '0.40', 1000]]);
    expect(lineOf(e, 'aws_route53_zone.zone')!.components[0].provenance).toMatchObject({ verified: true, source: expect.stringContaining('route53_zone_test.golden') });
  });

  test('queries default to none; an alias record to an AWS resource is free; latency routing is not priced, with the reason', () => {
    const e = estimateOf(config('us-east-1'));
    expect(items(e, 'aws_route53_record.www')).toEqual([['route53.queries.million', 0, '0.40', 0]]);
    expect(lineOf(e, 'aws_route53_record.apex')).toBeUndefined();
    expect(reasonOf(e, 'aws_route53_record.apex')).toBeUndefined();
    expect(reasonOf(e, 'aws_route53_record.near')).toBe('latency_routing_policy: only standard queries are priced');
  });
});

describe('EFS', () => {
  const config = (region: string) => ({
    provider: { aws: [{ region }] },
    resource: {
      aws_efs_file_system: {
        standard: { creation_token: 'shared', encrypted: true },
        one_zone: { creation_token: 'scratch', availability_zone_name: `${region}a` },
        provisioned: { creation_token: 'fast', throughput_mode: 'provisioned', provisioned_throughput_in_mibps: 100 },
        computed: { creation_token: 'x', throughput_mode: '${var.mode}' },
      },
    },
  });

  test('us-east-1: 230 GB Standard is $69.00 and 230 GB One Zone $36.80, as Infracost gives them', () => {
    const e = estimateOf(config('us-east-1'), { efsStorageGb: 230 });
    expect(items(e, 'aws_efs_file_system.standard')).toEqual([['efs.standard.storage', 230, '0.30', 6900]]);
    expect(items(e, 'aws_efs_file_system.one_zone')).toEqual([['efs.one-zone.storage', 230, '0.16', 3680]]);
    expect(reasonOf(e, 'aws_efs_file_system.provisioned')).toBe('throughput_mode "provisioned": only bursting throughput (included with storage) is priced');
    expect(reasonOf(e, 'aws_efs_file_system.computed')).toBe('throughput_mode is not a literal ("${var.mode}")');
  });

  test('eu-west-1 has no published EFS price: not priced, in one sentence naming the region and the key', () => {
    const e = estimateOf(config('eu-west-1'), { efsStorageGb: 230 });
    expect(reasonOf(e, 'aws_efs_file_system.standard')).toBe('no eu-west-1 price for efs.standard.storage');
    expect(reasonOf(e, 'aws_efs_file_system.one_zone')).toBe('no eu-west-1 price for efs.one-zone.storage');
    expect(e.lines.filter((l) => l.type === 'aws_efs_file_system')).toEqual([]);
  });
});
