/**
 * Issue 26, item 5: guardrails judge what they can know. IAM statement by statement, values set by
 * variables named as such (never "missing"), invalid CIDRs named as invalid, and the new checks
 * (default security groups, hostPath persistent volumes, containers without an image, restrictable
 * actions on Resource "*", statements without Effect), on small hand-written configurations.
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyse } from '../catalog/analyse';
import { cleanUp, tempDir } from './helpers/synth';

afterAll(cleanUp);

const TAGS = { owner: 'payments', service: 'checkout', environment: 'staging', 'cost-center': 'CC-2001' };

function findings(tf: Record<string, unknown>, rule: string): string[] {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ provider: { aws: [{ region: 'us-east-1' }] }, ...tf }));
  return analyse(dir)
    .policy.findings.filter((f) => f.rule === rule)
    .map((f) => `${f.address}: ${f.message}`);
}
const policy = (document: string) => ({ resource: { aws_iam_policy: { p: { name: 'p', policy: document, tags: TAGS } } } });
const jsonPolicy = (statements: object[]) => policy(JSON.stringify({ Version: '2012-10-17', Statement: statements }));

describe('IAM documents are read statement by statement', () => {
  test('literal actions with a variable inside the resource ARN: compliant, written with jsonencode or as JSON text', () => {
    const encoded = '${jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "arn:aws:s3:::${var.bucket}/*"}]})}';
    expect(findings(policy(encoded), 'aws/iam-no-admin-wildcard')).toEqual([]);
    // A heredoc in HCL is this in JSON: the document is a template, and its literal parts are read.
    const template = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::${var.bucket}/*","arn:aws:s3:::${var.bucket}"]},{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"${aws_sqs_queue.q.arn}"}]}';
    expect(findings(policy(template), 'aws/iam-no-admin-wildcard')).toEqual([]);
    expect(findings(policy(template), 'aws/iam-no-restrictable-on-any-resource')).toEqual([]);
  });
  test('a whole value set by a variable, and IAM policy variables ($${aws:username}) kept literal', () => {
    const actions = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":${jsonencode(var.actions)},"Resource":"arn:aws:s3:::b/$${aws:username}/*"}]}';
    expect(findings(policy(actions), 'aws/iam-no-admin-wildcard')).toEqual([]);
    const star = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"${var.resources}"}]}';
    expect(findings(policy(star), 'aws/iam-no-admin-wildcard')).toEqual([
      'aws_iam_policy.p: statement 1 may allow every action on every resource: var.resources is not known before plan; write its actions or resources as literals, or suppress this finding with a reason',
    ]);
    // A resource with a literal prefix cannot be "*"; one ending in a variable after nothing could.
    expect(findings(jsonPolicy([{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::${var.b}' }]), 'aws/iam-no-admin-wildcard')).toEqual([]);
    expect(findings(jsonPolicy([{ Effect: 'Allow', Action: '*', Resource: '${var.prefix}*' }]), 'aws/iam-no-admin-wildcard')).toHaveLength(1);
  });
  test('one statement Allow * on * among others is found and numbered', () => {
    expect(findings(jsonPolicy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::${var.b}/*' }, { Effect: 'Allow', Action: ['*'], Resource: '*' }]), 'aws/iam-no-admin-wildcard')).toEqual([
      'aws_iam_policy.p: allows every action ("*") on every resource ("*") (statement 2)',
    ]);
  });
  test('a document that is one variable cannot be read, and says what sets it', () => {
    expect(findings(policy('${var.document}'), 'aws/iam-no-admin-wildcard')).toEqual([
      'aws_iam_policy.p: has a policy document that cannot be read before plan (it is set by var.document); write it with jsonencode() or literal JSON so it can be checked',
    ]);
  });
  test('an aws_iam_policy_document is judged where it is written, and where the reader resolves its use', () => {
    const tf = {
      ...policy('${data.aws_iam_policy_document.admin.json}'),
      data: { aws_iam_policy_document: { admin: { statement: [{ actions: ['*'], resources: ['*'] }] }, writer: { statement: [{ actions: ['s3:PutObject', 'iam:PassRole'], resources: ['*'] }] } } },
    };
    expect(findings(tf, 'aws/iam-no-admin-wildcard')).toEqual([
      'aws_iam_policy.p: allows every action ("*") on every resource ("*") (statement 1)',
      'data.aws_iam_policy_document.admin: allows every action ("*") on every resource ("*") (statement 1)',
    ]);
    expect(findings(tf, 'aws/iam-no-restrictable-on-any-resource')).toEqual([
      'data.aws_iam_policy_document.writer: allows s3:PutObject, iam:PassRole on every resource ("*") (statement 1), though AWS can narrow them to named resources',
    ]);
  });
});

describe('restrictable actions on Resource "*" (checkov CKV_AWS_355/356)', () => {
  test('write and permissions-management actions that take resource ARNs are flagged; reads and actions AWS cannot narrow are not', () => {
    expect(findings(jsonPolicy([{ Effect: 'Allow', Action: ['s3:Put*', 's3:GetObject'], Resource: '*' }]), 'aws/iam-no-restrictable-on-any-resource')).toEqual([
      'aws_iam_policy.p: allows s3:Put* on every resource ("*") (statement 1), though AWS can narrow it to named resources',
    ]);
    expect(findings(jsonPolicy([{ Effect: 'Allow', Action: ['s3:ListAllMyBuckets', 'xray:PutTraceSegments', 'ec2:Describe*', 'logs:Describe*'], Resource: '*' }]), 'aws/iam-no-restrictable-on-any-resource')).toEqual([]);
    expect(findings(jsonPolicy([{ Effect: 'Deny', Action: ['s3:DeleteBucket'], Resource: '*' }]), 'aws/iam-no-restrictable-on-any-resource')).toEqual([]);
    // IAM matches action names case-insensitively, with ? for one character.
    expect(findings(jsonPolicy([{ Effect: 'Allow', Action: 'IAM:attachrolepolic?', Resource: ['*'] }]), 'aws/iam-no-restrictable-on-any-resource')).toHaveLength(1);
    // A service AWS does not have, or an action not known before plan: not judged on a guess.
    expect(findings(jsonPolicy([{ Effect: 'Allow', Action: ['nosuchservice:Put*', '${var.action}'], Resource: '*' }]), 'aws/iam-no-restrictable-on-any-resource')).toEqual([]);
  });
  test('a statement conditioned on what it reaches (encryption context, resource tags or account) is narrowed as a Resource list would be; other conditions are not', () => {
    const kms = { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*' };
    // The pipeline's state statement: only keys used by S3 for the state bucket's objects.
    expect(findings(jsonPolicy([{ ...kms, Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' }, StringLike: { 'kms:EncryptionContext:aws:s3:arn': ['arn:aws:s3:::state', 'arn:aws:s3:::state/*'] } } }]), 'aws/iam-no-restrictable-on-any-resource')).toEqual([]);
    expect(findings(jsonPolicy([{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'payments' } } }]), 'aws/iam-no-restrictable-on-any-resource')).toEqual([]);
    expect(findings(jsonPolicy([{ ...kms, Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } } }]), 'aws/iam-no-restrictable-on-any-resource')).toHaveLength(1);
    expect(findings(jsonPolicy([{ ...kms, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }]), 'aws/iam-no-restrictable-on-any-resource')).toHaveLength(1);
  });
});

describe('statements without a valid Effect', () => {
  test('AWS refuses them; the finding says which statement', () => {
    expect(findings(jsonPolicy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }, { Action: 's3:GetObject', Resource: '*' }]), 'aws/iam-statement-effect')).toEqual([
      'aws_iam_policy.p: has a statement without Effect (statement 2): AWS refuses the policy at apply',
    ]);
    expect(findings(jsonPolicy([{ Effect: 'allow', Action: 's3:GetObject', Resource: '*' }]), 'aws/iam-statement-effect')).toEqual([
      'aws_iam_policy.p: has Effect "allow" in statement 1, which is neither "Allow" nor "Deny": AWS refuses the policy at apply',
    ]);
    expect(findings(jsonPolicy([{ Effect: '${var.effect}', Action: 's3:GetObject', Resource: '*' }]), 'aws/iam-statement-effect')).toEqual([]);
  });
});

describe('a value set but not known before plan is named, never "missing"', () => {
  test('log-retention with retention_in_days = var.x', () => {
    const group = (extra: object) => ({ resource: { aws_cloudwatch_log_group: { g: { name: 'g', tags: TAGS, ...extra } } } });
    expect(findings(group({ retention_in_days: '${var.log_retention_days}' }), 'aws/log-retention')).toEqual([
      'aws_cloudwatch_log_group.g: sets retention_in_days by var.log_retention_days, not known before plan; give it a value the guardrail can check (a literal, or the variable in a .tfvars file), or suppress this finding with a reason',
    ]);
    expect(findings(group({}), 'aws/log-retention')).toEqual(['aws_cloudwatch_log_group.g: keeps logs forever (no retention_in_days)']);
    expect(findings(group({ retention_in_days: 0 }), 'aws/log-retention')).toEqual(['aws_cloudwatch_log_group.g: keeps logs forever (retention_in_days = 0)']);
    expect(findings(group({ retention_in_days: 30 }), 'aws/log-retention')).toEqual([]);
  });
});

describe('security groups', () => {
  test('a default security group open to the internet is judged as any group', () => {
    const tf = { resource: { aws_default_security_group: { d: { vpc_id: 'vpc-1', ingress: [{ protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'] }], tags: TAGS } } } };
    expect(findings(tf, 'aws/no-open-ingress')).toEqual(['aws_default_security_group.d: admits ports 22 from 0.0.0.0/0 (not a load balancer)']);
    const closed = { resource: { aws_default_security_group: { d: { vpc_id: 'vpc-1', tags: TAGS } } } };
    expect(findings(closed, 'aws/no-open-ingress')).toEqual([]);
  });
  test('invalid CIDRs are named as invalid, not read as the internet', () => {
    const rule = (cidr: string) => ({ resource: { aws_security_group_rule: { r: { type: 'ingress', security_group_id: 'sg-1', protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: [cidr] } } } });
    expect(findings(rule('1.0.0.0/0'), 'aws/no-open-ingress')).toEqual([
      'aws_security_group_rule.r: has cidr_blocks "1.0.0.0/0", which is not a valid CIDR block: it has host bits set (the network is 0.0.0.0/0): Terraform refuses it; write one such as 10.0.0.0/16',
    ]);
    expect(findings(rule('300.1.1.1/32'), 'aws/no-open-ingress')).toEqual(['aws_security_group_rule.r: has cidr_blocks "300.1.1.1/32", which is not a CIDR block: Terraform refuses it; write one such as 10.0.0.0/16']);
    expect(findings(rule('010.0.0.0/8'), 'aws/no-open-ingress')).toEqual([
      'aws_security_group_rule.r: has cidr_blocks "010.0.0.0/8", which is not a CIDR block (IPv4 is four decimal numbers): Terraform refuses it; write one such as 10.0.0.0/16',
    ]);
    expect(findings(rule('::1/0'), 'aws/no-open-ingress')).toEqual(['aws_security_group_rule.r: has cidr_blocks "::1/0", which is not a valid CIDR block: it has host bits set (the network is ::/0): Terraform refuses it; write one such as 10.0.0.0/16']);
    expect(findings(rule('10.1.0.0/16'), 'aws/no-open-ingress')).toEqual([]);
  });
});

describe('kubernetes', () => {
  const labels = { owner: 'payments', service: 'checkout', environment: 'staging', 'cost-center': 'CC-2001' };
  test('a persistent volume backed by a host path', () => {
    const pv = (source: object) => ({ resource: { kubernetes_persistent_volume_v1: { v: { metadata: [{ name: 'v', labels }], spec: [{ capacity: { storage: '1Gi' }, access_modes: ['ReadWriteOnce'], persistent_volume_source: [source] }] } } } });
    expect(findings(pv({ host_path: [{ path: '/var/lib/data' }] }), 'kubernetes/no-host-path')).toEqual(['kubernetes_persistent_volume_v1.v: is a hostPath persistent volume at "/var/lib/data"']);
    expect(findings(pv({ nfs: [{ server: 'nfs.local', path: '/x' }] }), 'kubernetes/no-host-path')).toEqual([]);
  });
  test('a container without an image', () => {
    const deployment = (container: object) => ({
      resource: { kubernetes_deployment_v1: { d: { metadata: [{ name: 'd', labels }], spec: [{ template: [{ metadata: [{ labels }], spec: [{ container: [{ name: 'app', ...container }] }] }] }] } } },
    });
    expect(findings(deployment({}), 'kubernetes/no-latest-tag')).toEqual(['kubernetes_deployment_v1.d: container app has no image']);
    expect(findings(deployment({ image: 'ghcr.io/acme/app:1.2.3' }), 'kubernetes/no-latest-tag')).toEqual([]);
  });
});

describe('no-literal-secrets judges arguments by what the provider schema marks sensitive', () => {
  const rule = 'terraform/no-literal-secrets';
  test('names that merely look like secrets are not flagged', () => {
    const tf = {
      resource: {
        aws_cognito_user_pool_client: { c: { name: 'web', user_pool_id: 'eu-west-1_x', token_validity_units: [{ access_token: 'minutes', id_token: 'minutes', refresh_token: 'days' }] } },
        aws_efs_file_system: { f: { creation_token: 'orders-files', tags: TAGS } },
        aws_secretsmanager_secret: { s: { name: 'orders/db_password', tags: TAGS } },
        aws_ssm_parameter: { p: { name: '/orders/api_token_ttl', type: 'String', value: '3600', tags: TAGS } },
      },
    };
    expect(findings(tf, rule)).toEqual([]);
  });
  test('sensitive arguments, nested ones included, and a sensitive variable\'s default are flagged; the value never repeated', () => {
    const tf = {
      variable: { db_password: { type: 'string', sensitive: true, default: 'hunter2hunter2' }, region: { type: 'string', default: 'eu-west-1' } },
      resource: {
        aws_rds_cluster: { c: { cluster_identifier: 'c', engine: 'aurora-postgresql', master_username: 'app', master_password: 'hunter2hunter2', tags: TAGS } },
        aws_lb_listener: { l: { load_balancer_arn: 'arn:x', port: 443, default_action: [{ type: 'authenticate-oidc', authenticate_oidc: [{ client_id: 'id', client_secret: 'oidc-secret-value', issuer: 'https://i', authorization_endpoint: 'https://a', token_endpoint: 'https://t', user_info_endpoint: 'https://u' }] }] } },
        aws_ssm_parameter: { p: { name: '/orders/key', type: 'SecureString', value: 'k-123', tags: TAGS } },
        aws_secretsmanager_secret_version: { v: { secret_id: '${aws_secretsmanager_secret.s.id}', secret_string: '${random_password.p.result}' } },
      },
    };
    const found = findings(tf, rule);
    expect(found).toEqual([
      'aws_lb_listener.l: holds a literal default_action[0].authenticate_oidc[0].client_secret: a secret in the configuration is in every checkout, plan and state',
      'aws_rds_cluster.c: holds a literal master_password: a secret in the configuration is in every checkout, plan and state; let the database keep its password in Secrets Manager (manage_master_user_password = true)',
      'aws_ssm_parameter.p: holds a literal value: a secret in the configuration is in every checkout, plan and state',
      'var.db_password: holds a literal default: a secret in the configuration is in every checkout, plan and state',
    ]);
    expect(found.join()).not.toMatch(/hunter2|oidc-secret-value|k-123/);
  });
});

describe('hostile policy documents', () => {
  test('malformed templates, marker look-alikes and odd shapes are named, never crash or pass as read', () => {
    const rule = 'aws/iam-no-admin-wildcard';
    expect(findings(policy('{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "${var.r}" }'), rule)).toEqual([
      'aws_iam_policy.p: has a policy document that cannot be read before plan (it is a template that is not JSON with its interpolations set aside); write it with jsonencode() or literal JSON so it can be checked',
    ]);
    // Text that looks like the reader's own placeholders is read as the literal it is, or refused in a template.
    expect(findings(jsonPolicy([{ Effect: 'Allow', Action: '*', Resource: '@@groundwork-interpolation-0@@' }]), rule)).toEqual([]);
    expect(findings(policy('{"Statement":[{"Effect":"Allow","Action":"*","Resource":["@@groundwork-interpolation-0@@","${var.r}"]}]}'), rule)).toHaveLength(1);
    expect(findings(policy('{"Statement": 7}'), rule)).toEqual([]);
    expect(findings(policy('{"Statement": [7, null, {"Effect": "Allow", "Action": {"a": 1}, "Resource": "*"}]}'), rule)).toHaveLength(1);
    expect(findings(policy('not json'), rule)).toEqual(['aws_iam_policy.p: has a policy document that cannot be read before plan (it is not valid JSON); write it with jsonencode() or literal JSON so it can be checked']);
  });
});
