/** Golden paths use data stores that exist already instead of creating them: granted, wired and watched the same way. */
import { App } from 'cdktf';
import { Construct } from 'constructs';
import type { IGrantee, PolicyStatement } from '../constructs/grantee';
import { Queue } from '../constructs/queue';
import { cleanUp, errorOf, resourcesOfType, synth, tempDir } from './helpers/synth';
import { oneService } from './helpers/org';

afterAll(cleanUp);

const existingDatabase = {
  identifier: 'legacy-orders',
  instanceClass: 'db.r6g.large',
  address: 'legacy-orders.abc123.eu-west-1.rds.amazonaws.com',
  resourceId: 'db-ABCDEFGHIJKLMNOPQRSTUVWXY1',
  storageGb: 500,
};
const existingQueue = { queueName: 'legacy-orders', queueUrl: 'https://sqs.eu-west-1.amazonaws.com/222222222222/legacy-orders', queueArn: 'arn:aws:sqs:eu-west-1:222222222222:legacy-orders' };

test('an existing database and queue in production: nothing created there, granted, wired and watched', () => {
  const { stacks } = synth((app) => oneService(app, { database: true, queue: true, existing: { production: { database: existingDatabase, queue: existingQueue } } }));
  const production = stacks.find((s) => s.name === 'production-aws')!.json;
  const staging = stacks.find((s) => s.name === 'staging-aws')!.json;
  expect(resourcesOfType(production, 'aws_db_instance')).toHaveLength(0);
  expect(resourcesOfType(production, 'aws_sqs_queue')).toHaveLength(0);
  expect(resourcesOfType(staging, 'aws_db_instance')).toHaveLength(1);
  const policies = JSON.stringify(resourcesOfType(production, 'aws_iam_role_policy'));
  expect(policies).toContain(`arn:aws:rds-db:eu-west-1:222222222222:dbuser:${existingDatabase.resourceId}/svc`);
  expect(policies).not.toContain('secretsmanager');
  expect(policies).toContain(existingQueue.queueArn);
  const alarms = resourcesOfType(production, 'aws_cloudwatch_metric_alarm').map((a) => a.alarm_name);
  expect(alarms).toEqual(expect.arrayContaining(['legacy-orders-cpu', 'legacy-orders-free-storage', 'legacy-orders-oldest-message']));
  const deployment = JSON.stringify(stacks.find((s) => s.name === 'production-kubernetes')!.json.resource.kubernetes_deployment_v1);
  expect(deployment).toContain(existingDatabase.address);
  expect(deployment).toContain(existingQueue.queueUrl);
});

test('attributes of an existing resource are literals of the cloud\'s shape, never expressions', () => {
  const message = errorOf(() => synth((app) => oneService(app, { database: true, existing: { production: { database: { ...existingDatabase, address: '${file("/etc/passwd")}' } } } })));
  expect(message).toContain('production-aws/svc/database: address "${file(\\"/etc/passwd\\")}" must be a DNS name such as www.acme.example.');
});

test('an existing database is named by its resource id: the master secret it once took is refused with the way out', () => {
  const { resourceId, ...withoutId } = existingDatabase;
  const legacy = { ...withoutId, masterUserSecretArn: 'arn:aws:secretsmanager:eu-west-1:222222222222:secret:rds-legacy-orders-AbCdEf' };
  const message = errorOf(() => synth((app) => oneService(app, { database: true, existing: { production: { database: legacy as never } } })));
  expect(message).toBe(`Cannot import the existing resource at production-aws/svc/database: masterUserSecretArn is no longer taken, services sign in with IAM database authentication; give resourceId (the instance's DbiResourceId, db-...) instead.`);
  expect(resourceId).toMatch(/^db-/);
  const bad = errorOf(() => synth((app) => oneService(app, { database: true, existing: { production: { database: { ...existingDatabase, resourceId: 'db-${var.x}' } } } })));
  expect(bad).toContain('production-aws/svc/database: resourceId "db-${var.x}" must be an RDS DbiResourceId');
});

test('existing data stores for an environment the service does not run in are refused', () => {
  const message = errorOf(() => synth((app) => oneService(app, { environments: ['staging'], existing: { production: { queue: existingQueue } } })));
  expect(message).toContain('Service "svc": prop existing names production, where the service does not run (it runs in staging).');
});

test('grants accept any grantee, not only a ServiceRole', () => {
  const granted: Array<[string, readonly PolicyStatement[]]> = [];
  const grantee: IGrantee = { grant: (id, statements) => granted.push([id, statements]) };
  const queue = Queue.fromAttributes(new Construct(new App({ outdir: tempDir() }), 'scope'), 'orders', existingQueue);
  queue.grantSend(grantee);
  expect(granted).toEqual([['orders-send', [{ actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], resources: [existingQueue.queueArn] }]]]);
});
