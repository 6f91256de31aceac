import { estimateOf, items, lineOf, reasonOf } from './helpers/estimate-config';
import { cleanUp } from './helpers/synth';

afterAll(cleanUp);

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

describe('autoscaling groups', () => {
  const tags = { owner: 'web-team', service: 'web', environment: 'production', 'cost-center': 'CC-1' };
  const config = {
    provider: { aws: [{ region: 'us-east-1' }] },
    variable: { fleet_size: { type: 'number' } },
    resource: {
      aws_launch_template: {
        web: {
          name_prefix: 'web-',
          image_id: 'ami-0123456789abcdef0',
          instance_type: 'm5.large',
          block_device_mappings: [{ device_name: '/dev/xvda', ebs: [{ volume_size: 20, volume_type: 'gp3', encrypted: true }] }],
          tags,
        },
        batch: { name: 'batch-workers', image_id: 'ami-0123456789abcdef0', instance_type: 'c5.xlarge' },
        bare: { name: 'bare', image_id: 'ami-0123456789abcdef0' },
      },
      aws_autoscaling_group: {
        web: { name: 'web', desired_capacity: 3, min_size: 2, max_size: 6, vpc_zone_identifier: ['subnet-1'], launch_template: [{ id: '${aws_launch_template.web.id}', version: '$Latest' }], tags: [] },
        batch: { name: 'batch', min_size: 2, max_size: 4, launch_template: [{ name: 'batch-workers' }] },
        bare: { name: 'bare', desired_capacity: 1, min_size: 1, max_size: 1, launch_template: [{ id: '${aws_launch_template.bare.id}' }] },
        sized: { name: 'sized', desired_capacity: '${var.fleet_size}', min_size: 1, max_size: 9, launch_template: [{ id: '${aws_launch_template.web.id}' }] },
        shared: { name: 'shared', desired_capacity: 1, min_size: 1, max_size: 1, launch_template: [{ id: '${data.aws_launch_template.shared.id}' }] },
        mixed: {
          name: 'mixed', desired_capacity: 4, min_size: 1, max_size: 8,
          mixed_instances_policy: [{
            instances_distribution: [{ on_demand_percentage_above_base_capacity: 25 }],
            launch_template: [{ launch_template_specification: [{ launch_template_id: '${aws_launch_template.web.id}' }], override: [{ instance_type: 'm5.large' }, { instance_type: 'm6i.large' }] }],
          }],
        },
        simple_mixed: {
          name: 'simple-mixed', desired_capacity: 2, min_size: 1, max_size: 2,
          mixed_instances_policy: [{ launch_template: [{ launch_template_specification: [{ launch_template_name: 'batch-workers' }] }] }],
        },
        pair: { count: 2, name: 'pair-${count.index}', desired_capacity: 1, min_size: 1, max_size: 1, launch_template: [{ id: '${aws_launch_template.batch.id}' }] },
      },
    },
  };
  const e = estimateOf(config);

  test('desired capacity × the launch template\'s instance, plus the EBS volume it sizes, per instance', () => {
    // 3 × m5.large $0.096/h × 730 h, and 3 × 20 GB gp3 at $0.08 (us-east-1 table)
    expect(items(e, 'aws_autoscaling_group.web')).toEqual([
      ['ec2.instance.m5.large', 2190, '0.096', 21024],
      ['ebs.gp3.storage', 60, '0.08', 480],
    ]);
    expect(lineOf(e, 'aws_autoscaling_group.web')!.components[0].what).toBe('3 × m5.large Linux on-demand (aws_launch_template.web)');
  });

  test('a template referenced by its literal name; min_size when no desired capacity; count expands the group', () => {
    expect(items(e, 'aws_autoscaling_group.batch')).toEqual([['ec2.instance.c5.xlarge', 1460, '0.17', 24820]]);
    expect(items(e, 'aws_autoscaling_group.simple_mixed')).toEqual([['ec2.instance.c5.xlarge', 1460, '0.17', 24820]]);
    expect(items(e, 'aws_autoscaling_group.pair[0]')).toEqual([['ec2.instance.c5.xlarge', 730, '0.17', 12410]]);
    expect(items(e, 'aws_autoscaling_group.pair[1]')).toEqual(items(e, 'aws_autoscaling_group.pair[0]'));
  });

  test('what cannot be known is not priced, with the reason; the templates themselves cost nothing', () => {
    expect(reasonOf(e, 'aws_autoscaling_group.bare')).toBe('aws_launch_template.bare sets no instance_type');
    expect(reasonOf(e, 'aws_autoscaling_group.sized')).toBe('desired_capacity is not a literal ("${var.fleet_size}")');
    expect(reasonOf(e, 'aws_autoscaling_group.shared')).toBe('launch template "${data.aws_launch_template.shared.id}" is not a resource of this configuration');
    expect(reasonOf(e, 'aws_autoscaling_group.mixed')).toBe('mixed_instances_policy with instance type overrides or Spot capacity: the instance mix is decided at run time');
    expect(e.notPriced.filter((n) => n.type === 'aws_launch_template')).toEqual([]);
    expect(e.lines.filter((l) => l.type === 'aws_launch_template')).toEqual([]);
    expect(e.freeResources).toBe(3);
  });
});
