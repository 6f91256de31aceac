/** A service's security group: outbound only to what it uses; attached to its pods. */
import { cleanUp, errorOf, Json, resourcesOfType, synth } from './helpers/synth';
import { oneService } from './helpers/org';

afterAll(cleanUp);

const egressOf = (stack: Json) =>
  resourcesOfType(stack, 'aws_vpc_security_group_egress_rule')
    .filter((r) => r['//'].metadata.path.startsWith('staging-aws/svc/egress/'))
    .map((r) => [r['//'].metadata.path.replace('staging-aws/svc/egress/', ''), r.ip_protocol, r.from_port, r.cidr_ipv4 ?? r.referenced_security_group_id ?? r.prefix_list_id]);

test("by default: DNS in the VPC, HTTPS to the AWS API endpoints, its database's group on 5432, S3 through its prefix list; no internet", () => {
  const { stacks } = synth((app) => oneService(app, { database: true, bucket: true }));
  const staging = stacks.find((s) => s.name === 'staging-aws')!.json;
  expect(egressOf(staging)).toEqual([
    ['aws-apis', 'tcp', 443, expect.stringMatching(/^\$\{aws_security_group\.network_aws-api-endpoints_security-group_.*\.id\}$/)],
    ['database', 'tcp', 5432, expect.stringMatching(/^\$\{aws_security_group\.svc_database_security-group_.*\.id\}$/)],
    ['dns-tcp', 'tcp', 53, '10.10.0.0/16'],
    ['dns-udp', 'udp', 53, '10.10.0.0/16'],
    ['s3', 'tcp', 443, expect.stringMatching(/^\$\{aws_vpc_endpoint\.network_aws-api-endpoints_s3_.*\.prefix_list_id\}$/)],
  ]);
  const endpoints = resourcesOfType(staging, 'aws_vpc_endpoint').map((e) => [e.service_name, e.vpc_endpoint_type, e.private_dns_enabled ?? null]);
  expect(endpoints).toEqual([['com.amazonaws.us-east-1.s3', 'Gateway', null], ['com.amazonaws.us-east-1.sqs', 'Interface', true], ['com.amazonaws.us-east-1.sts', 'Interface', true]]);
});

test("egress: 'internet' adds HTTPS to anywhere, and nothing else", () => {
  const { stacks } = synth((app) => oneService(app, { egress: 'internet' }));
  const staging = stacks.find((s) => s.name === 'staging-aws')!.json;
  expect(egressOf(staging).filter(([, , , to]) => to === '0.0.0.0/0')).toEqual([['internet-https', 'tcp', 443, '0.0.0.0/0']]);
});

test('an existing database, whose security group is not known: the VPC on its port', () => {
  const database = { identifier: 'legacy', instanceClass: 'db.r6g.large', address: 'legacy.abc.us-east-1.rds.amazonaws.com', port: 6432, resourceId: 'db-ABCDEFGHIJKLMNOPQRSTUVWXY1', storageGb: 100 };
  const { stacks } = synth((app) => oneService(app, { database: true, existing: { staging: { database } } }));
  expect(egressOf(stacks.find((s) => s.name === 'staging-aws')!.json).find(([name]) => name === 'database')).toEqual(['database', 'tcp', 6432, '10.10.0.0/16']);
});

test('a bad egress value is one sentence naming the service, the prop and the choices', () => {
  expect(errorOf(() => synth((app) => oneService(app, { egress: 'anywhere' as never })))).toContain('prop egress is "anywhere", which must be one of vpc, internet');
});
