import * as fs from 'fs';
import * as path from 'path';
import { analyse } from '../catalog/analyse';
import { costMarkdown } from '../catalog/cost/report';
import { Usage } from '../catalog/cost/usage';
import { cleanUp, tempDir } from './helpers/synth';

afterAll(cleanUp);

describe('a configuration in eu-central-1, a partial price table', () => {
  const tags = { owner: 'data-team', service: 'reports', environment: 'production', 'cost-center': 'CC-9' };
  const dir = tempDir();
  fs.writeFileSync(
    path.join(dir, 'main.tf.json'),
    JSON.stringify({
      provider: { aws: [{ region: 'eu-central-1' }] },
      resource: {
        aws_launch_template: { workers: { name: 'workers', image_id: 'ami-0123456789abcdef0', instance_type: 'm5.large', tags } },
        aws_autoscaling_group: { workers: { name: 'workers', desired_capacity: 1, min_size: 1, max_size: 2, launch_template: [{ id: '${aws_launch_template.workers.id}' }], vpc_zone_identifier: ['subnet-1'] } },
        aws_instance: { bastion: { ami: 'ami-0123456789abcdef0', instance_type: 'm5.large', tags } },
        aws_db_instance: { reports: { identifier: 'reports', engine: 'postgres', instance_class: 'db.t3.micro', allocated_storage: 20, tags } },
        aws_rds_cluster_instance: { analytics: { cluster_identifier: 'analytics', engine: 'aurora-postgresql', instance_class: 'db.t4g.medium', tags } },
        aws_nat_gateway: { nat: { allocation_id: 'eipalloc-1', subnet_id: 'subnet-1', tags } },
      },
    }),
  );
  const report = analyse(dir, { usage: path.join(dir, 'no-usage') }).cost;
  const line = (address: string) => report.resources.find((r) => r.address === address);
  const reason = (address: string) => report.notPriced.resources.find((r) => r.address === address)?.reason;

  test('m5.large instance hours are priced from the eu-central-1 table ($0.115 an hour)', () => {
    expect(line('aws_autoscaling_group.workers')!.components.map((c) => [c.item, c.unitUsd, c.monthlyUsd])).toEqual([['ec2.instance.m5.large', '0.115', 83.95]]);
    expect(line('aws_autoscaling_group.workers')!.region).toBe('eu-central-1');
  });

  test('Aurora PostgreSQL db.t4g.medium and a NAT gateway are priced from their published eu-central-1 figures', () => {
    // $62.05 and $37.96 a month: the figures of the Infracost eu-central-1 output the entries cite
    expect(line('aws_rds_cluster_instance.analytics')!.monthlyUsd).toBe(62.05);
    expect(line('aws_nat_gateway.nat')!.components.map((c) => [c.item, c.monthlyUsd])).toEqual([
      ['natgateway.hour', 37.96],
      ['natgateway.gb', Usage.NONE.figures().natProcessedGb * 0.052],
    ]);
  });

  test('a resource with a key the partial table lacks is not priced, in one sentence; never priced in part', () => {
    // The RDS db.t3.micro instance hour is in the table ($0.021), its gp2 storage is not; the instance's root volume neither.
    expect(reason('aws_db_instance.reports')).toBe('no eu-central-1 price for rds.storage.gp2.single-az');
    expect(reason('aws_instance.bastion')).toBe('no eu-central-1 price for ebs.gp2.storage');
    expect(line('aws_db_instance.reports')).toBeUndefined();
  });

  test('the report names the partial table it used', () => {
    expect(report.priceTables.map((t) => [t.region, t.complete])).toEqual([['eu-central-1', false]]);
    expect(costMarkdown(report)).toContain('- Partial price tables: eu-central-1 (only the prices a named public source gives; a resource whose price is missing there is listed as not priced).');
  });
});
