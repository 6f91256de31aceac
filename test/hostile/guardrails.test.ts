/**
 * Hostile Terraform JSON against the guardrails and reports: each case from issue 12 that the
 * analysis owns, with the exact sentence it must produce. Inputs are small hand-written
 * configurations, analysed exactly as synth analyses cdktf.out.
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyse, Analysis } from '../../catalog/analyse';
import type { Finding } from '../../catalog/policy/engine';
import { cleanUp, tempDir } from '../helpers/synth';

afterAll(cleanUp);

/** Ownership settings as golden paths leave them in the output's metadata. */
const ORGANISATION = {
  name: 'acme',
  githubOwner: 'acme',
  platformTeam: 'platform',
  requiredKeys: ['owner', 'service', 'environment', 'cost-center'],
  teams: { payments: { displayName: 'Payments', costCenters: ['CC-2001', 'CC-2002'] }, platform: { displayName: 'Platform', costCenters: ['CC-1000'] } },
  environments: { staging: { region: 'us-east-1', production: false }, production: { region: 'us-east-1', production: true } },
  tagKeys: {},
};
const TAGS = { owner: 'payments', service: 'checkout', environment: 'staging', 'cost-center': 'CC-2001' };
const PROD_TAGS = { ...TAGS, environment: 'production' };

function analyseTf(tf: Record<string, unknown>, options: { organisation?: boolean } = {}): Analysis {
  const dir = tempDir();
  const json = { ...(options.organisation === false ? {} : { '//': { groundwork: { version: 1, organisation: ORGANISATION } } }), provider: { aws: [{ region: 'us-east-1' }] }, ...tf };
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(json));
  return analyse(dir, { today: '2026-01-01' });
}

const findings = (tf: Record<string, unknown>, rule: string, options?: { organisation?: boolean }): Finding[] => analyseTf(tf, options).policy.findings.filter((f) => f.rule === rule);
const messages = (tf: Record<string, unknown>, rule: string, options?: { organisation?: boolean }) => findings(tf, rule, options).map((f) => `${f.severity} ${f.address}: ${f.message}`);

const database = (extra: Record<string, unknown>, tags: Record<string, string> = TAGS) => ({
  resource: {
    aws_db_instance: {
      orders: { identifier: 'orders', engine: 'postgres', instance_class: 'db.t3.micro', allocated_storage: 20, storage_encrypted: true, publicly_accessible: false, manage_master_user_password: true, username: 'app', backup_retention_period: 7, deletion_protection: true, tags, ...extra },
    },
  },
});
const ingressRule = (extra: Record<string, unknown>) => ({
  resource: {
    aws_security_group: { app: { name: 'app', vpc_id: 'vpc-1', tags: TAGS } },
    aws_vpc_security_group_ingress_rule: { ssh: { security_group_id: '${aws_security_group.app.id}', ip_protocol: 'tcp', from_port: 22, to_port: 22, tags: TAGS, ...extra } },
  },
});
const deployment = (securityContext: Record<string, unknown>, pod: Record<string, unknown> = {}) => ({
  resource: {
    kubernetes_deployment_v1: {
      app: {
        metadata: { name: 'app', labels: TAGS },
        spec: {
          template: {
            metadata: { labels: TAGS },
            spec: {
              security_context: { run_as_non_root: true },
              container: [{ name: 'app', image: 'ghcr.io/acme/app:1.0.0', security_context: securityContext, resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi' } }, readiness_probe: {}, liveness_probe: {} }],
              ...pod,
            },
          },
        },
      },
    },
  },
});
const repository = (extra: Record<string, unknown>) => ({
  resource: { github_repository: { checkout: { name: 'checkout', topics: ['owner-payments', 'service-checkout', 'cost-center-cc-2001'], ...extra } } },
});
const ASK = 'not known before plan; give it a value the guardrail can check (a literal, or the variable in a .tfvars file), or suppress this finding with a reason';

describe('a constant expression is judged by its value', () => {
  test('publicly_accessible = "${!false}"', () => {
    expect(messages(database({ publicly_accessible: '${!false}' }), 'aws/rds-not-public')).toEqual(['error aws_db_instance.orders: is publicly accessible (publicly_accessible = true)']);
    expect(messages(database({ publicly_accessible: '${!true}' }), 'aws/rds-not-public')).toEqual([]);
  });
  test('cidr_ipv4 = "${\\"0.0.0.0/0\\"}" on port 22', () => {
    expect(messages(ingressRule({ cidr_ipv4: '${"0.0.0.0/0"}' }), 'aws/no-open-ingress')).toEqual(['error aws_vpc_security_group_ingress_rule.ssh: admits ports 22 from 0.0.0.0/0 (not a load balancer)']);
  });
  test('privileged = "${true}"', () => {
    expect(messages(deployment({ privileged: '${true}' }), 'kubernetes/no-privileged')).toEqual(['error kubernetes_deployment_v1.app: container app runs privileged']);
    expect(messages(deployment({ privileged: '${1 == 2}' }), 'kubernetes/no-privileged')).toEqual([]);
  });
  test('deletion_protection = "${1 == 2}" in production', () => {
    expect(messages(database({ deletion_protection: '${1 == 2}' }, PROD_TAGS), 'aws/rds-deletion-protection')).toEqual(['error aws_db_instance.orders: has no deletion protection in production']);
  });
  test('storage_encrypted = "${true}" passes, "${false}" fails', () => {
    expect(messages(database({ storage_encrypted: '${true}' }), 'aws/rds-encrypted')).toEqual([]);
    expect(messages(database({ storage_encrypted: '${false}' }), 'aws/rds-encrypted')).toEqual(['error aws_db_instance.orders: storage is not encrypted (storage_encrypted is not true)']);
  });
});

describe('CIDR blocks are parsed', () => {
  test('0.0.0.0/00 on an inline ingress', () => {
    const tf = { resource: { aws_security_group: { app: { name: 'app', tags: TAGS, ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/00'] }] } } } };
    expect(messages(tf, 'aws/no-open-ingress')).toEqual(['error aws_security_group.app: admits ports 22 from 0.0.0.0/00 (not a load balancer)']);
  });
  test('::/0 and ::ffff:0.0.0.0/96 on a rule', () => {
    expect(messages(ingressRule({ cidr_ipv6: '::/0' }), 'aws/no-open-ingress')).toEqual(['error aws_vpc_security_group_ingress_rule.ssh: admits ports 22 from ::/0 (not a load balancer)']);
    expect(messages(ingressRule({ cidr_ipv6: '::ffff:0.0.0.0/96' }), 'aws/no-open-ingress')).toEqual(['error aws_vpc_security_group_ingress_rule.ssh: admits ports 22 from ::ffff:0.0.0.0/96 (not a load balancer)']);
  });
  test('0.0.0.0/1 and 128.0.0.0/1 in two rules of one group, on overlapping ports', () => {
    const rule = (cidr: string, from: number, to: number) => ({ type: 'ingress', security_group_id: '${aws_security_group.app.id}', protocol: 'tcp', from_port: from, to_port: to, cidr_blocks: [cidr] });
    const tf = { resource: { aws_security_group: { app: { name: 'app', tags: TAGS } }, aws_security_group_rule: { low: rule('0.0.0.0/1', 22, 22), high: rule('128.0.0.0/1', 0, 1000) } } };
    expect(messages(tf, 'aws/no-open-ingress')).toEqual([
      'error aws_security_group_rule.high: admits ports 0-1000 from 128.0.0.0/1 (with the other rules of its group: every address) (not a load balancer)',
      'error aws_security_group_rule.low: admits ports 22 from 0.0.0.0/1 (with the other rules of its group: every address) (not a load balancer)',
    ]);
    // Different ports: no port is open to every address.
    const apart = { resource: { aws_security_group: { app: { name: 'app', tags: TAGS } }, aws_security_group_rule: { low: rule('0.0.0.0/1', 22, 22), high: rule('128.0.0.0/1', 80, 80) } } };
    expect(messages(apart, 'aws/no-open-ingress')).toEqual([]);
  });
  test('a private block stays compliant; a block that is not a CIDR is named', () => {
    expect(messages(ingressRule({ cidr_ipv4: '10.0.0.0/8' }), 'aws/no-open-ingress')).toEqual([]);
    expect(messages(ingressRule({ cidr_ipv4: 'anywhere' }), 'aws/no-open-ingress')).toEqual(['error aws_vpc_security_group_ingress_rule.ssh: has cidr_ipv4 "anywhere", which is not a CIDR block: Terraform refuses it; write one such as 10.0.0.0/16']);
  });
});

describe('a security attribute that cannot be known fails closed, and can be suppressed with a reason', () => {
  test('publicly_accessible from a variable', () => {
    expect(messages(database({ publicly_accessible: '${var.public}' }), 'aws/rds-not-public')).toEqual([`error aws_db_instance.orders: sets publicly_accessible by var.public, ${ASK}`]);
  });
  test('cidr blocks, ports and the rule type', () => {
    expect(messages(ingressRule({ cidr_ipv4: '${var.cidr}' }), 'aws/no-open-ingress')).toEqual([`error aws_vpc_security_group_ingress_rule.ssh: sets cidr_ipv4 by var.cidr, ${ASK}`]);
    expect(messages(ingressRule({ cidr_ipv4: '0.0.0.0/0', from_port: '${var.port}' }), 'aws/no-open-ingress')).toEqual([`error aws_vpc_security_group_ingress_rule.ssh: sets from_port by var.port, ${ASK}`]);
    // A port that cannot be known does not matter when the source is private.
    expect(messages(ingressRule({ cidr_ipv4: '10.0.0.0/8', from_port: '${var.port}' }), 'aws/no-open-ingress')).toEqual([]);
    const inline = { resource: { aws_security_group: { app: { name: 'app', tags: TAGS, ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: '${var.cidrs}' }] } } } };
    expect(messages(inline, 'aws/no-open-ingress')).toEqual([`error aws_security_group.app: sets ingress[0].cidr_blocks by var.cidrs, ${ASK}`]);
  });
  test('privileged, host namespaces and host_path', () => {
    expect(messages(deployment({ privileged: '${var.privileged}' }), 'kubernetes/no-privileged')).toEqual([`error kubernetes_deployment_v1.app: sets privileged of container app by var.privileged, ${ASK}`]);
    expect(messages(deployment({}, { host_network: '${local.host}' }), 'kubernetes/no-privileged')).toEqual([`error kubernetes_deployment_v1.app: sets host_network by local.host, ${ASK}`]);
    expect(messages(deployment({}, { volume: [{ name: 'root', host_path: { path: '/' } }] }), 'kubernetes/no-host-path')).toEqual(['error kubernetes_deployment_v1.app: mounts hostPath volume root']);
  });
  test('production backups and deletion protection; encryption; queue and topic keys', () => {
    expect(messages(database({ backup_retention_period: '${var.days}' }, PROD_TAGS), 'aws/rds-backups')).toEqual([`error aws_db_instance.orders: sets backup_retention_period by var.days, ${ASK}`]);
    expect(messages(database({ deletion_protection: '${var.protect}' }, PROD_TAGS), 'aws/rds-deletion-protection')).toEqual([`error aws_db_instance.orders: sets deletion_protection by var.protect, ${ASK}`]);
    expect(messages(database({ storage_encrypted: '${var.encrypt}' }), 'aws/rds-encrypted')).toEqual([`error aws_db_instance.orders: sets storage_encrypted by var.encrypt, ${ASK}`]);
    const queue = (key: string) => ({ resource: { aws_kms_key: { k: { tags: TAGS } }, aws_sqs_queue: { q: { name: 'q', kms_master_key_id: key, tags: TAGS } }, aws_sns_topic: { t: { name: 't', kms_master_key_id: key, tags: TAGS } } } });
    // A reference to a KMS key is a key.
    expect(messages(queue('${aws_kms_key.k.arn}'), 'aws/sqs-encryption')).toEqual([]);
    expect(messages(queue('${aws_kms_key.k.arn}'), 'aws/sns-encryption')).toEqual([]);
    expect(messages(queue('${var.key}'), 'aws/sqs-encryption')).toEqual([`error aws_sqs_queue.q: sets kms_master_key_id by var.key, ${ASK}`]);
    expect(messages(queue('${var.key}'), 'aws/sns-encryption')).toEqual([`error aws_sns_topic.t: sets kms_master_key_id by var.key, ${ASK}`]);
  });
  test('suppressed with a reason, like every finding', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ provider: { aws: [{ region: 'us-east-1' }] }, ...database({ publicly_accessible: '${var.public}' }) }));
    const file = path.join(dir, 'suppressions.yaml');
    fs.writeFileSync(file, `suppressions:\n  - rule: aws/rds-not-public\n    address: aws_db_instance.orders\n    reason: var.public is false in every workspace, checked by the pipeline\n`);
    const found = analyse(dir, { suppressions: file, today: '2026-01-01' }).policy.findings.filter((f) => f.rule === 'aws/rds-not-public');
    expect(found).toHaveLength(1);
    expect(found[0].suppressed?.reason).toBe('var.public is false in every workspace, checked by the pipeline');
  });
});

describe('repository visibility', () => {
  test('as an expression: evaluated, or fail closed', () => {
    expect(messages(repository({ visibility: '${"pub" + "lic"}' }), 'github/private-visibility')).toEqual([`error github_repository.checkout: sets visibility by "pub" + "lic", ${ASK}`]);
    expect(messages(repository({ visibility: '${true ? "public" : "private"}' }), 'github/private-visibility')).toEqual(['error github_repository.checkout: is public without the "open-source" topic that declares it so']);
    expect(messages(repository({ visibility: '${var.visibility}' }), 'github/private-visibility')).toEqual([`error github_repository.checkout: sets visibility by var.visibility, ${ASK}`]);
    expect(messages(repository({ visibility: '${"private"}' }), 'github/private-visibility')).toEqual([]);
  });
  test('neither visibility nor private: public, as the provider creates it', () => {
    expect(messages(repository({}), 'github/private-visibility')).toEqual(['error github_repository.checkout: is public without the "open-source" topic that declares it so']);
    expect(messages(repository({ private: '${true}' }), 'github/private-visibility')).toEqual([]);
  });
});

describe('hand-written Terraform is judged like golden paths', () => {
  const queue = (tags: Record<string, string>) => ({ resource: { aws_sqs_queue: { q: { name: 'q', sqs_managed_sse_enabled: true, tags } } } });
  test('a cost center that is not one of the team', () => {
    expect(messages(queue({ ...TAGS, 'cost-center': 'CC-1000' }), 'tagging/required-tags')).toEqual(['error aws_sqs_queue.q: ownership key "cost-center" has value "CC-1000", which must be a cost center of team payments (CC-2001, CC-2002)']);
  });
  test('a cost center holding markup, an unknown team, an environment not allowed', () => {
    expect(messages(queue({ ...TAGS, 'cost-center': '<img src=x onerror=alert(1)>' }), 'tagging/required-tags')).toEqual([
      `error aws_sqs_queue.q: ownership key "cost-center" has value "<img src=x onerror=alert(1)>", which must be a cost center code: letters, digits, '.', '_' and '-', 1 to 63 characters`,
    ]);
    expect(messages(queue({ ...TAGS, owner: 'nobody', environment: 'qa' }), 'tagging/required-tags')).toEqual([
      'error aws_sqs_queue.q: ownership key "environment" has value "qa", which must be an allowed environment (production, staging); ownership key "owner" has value "nobody", which must be a known team (payments, platform)',
    ]);
  });
  test('without organisation settings in the output: the ownership schema\'s syntax', () => {
    expect(messages(queue({ ...TAGS, owner: 'Payments' }), 'tagging/required-tags', { organisation: false })).toEqual([
      'error aws_sqs_queue.q: ownership key "owner" has value "Payments", which must be a team name: lowercase letters, digits and hyphens, 1 to 63 characters, starting and ending with a letter or digit',
    ]);
  });
  test('a repository: topics are lower-cased by GitHub, and still judged', () => {
    expect(messages(repository({ visibility: 'private' }), 'tagging/required-tags')).toEqual([]);
    expect(messages(repository({ visibility: 'private', topics: ['owner-payments', 'service-checkout', 'cost-center-cc-9999'] }), 'tagging/required-tags')).toEqual([
      'error github_repository.checkout: ownership key "cost-center" has value "cc-9999", which must be a cost center of team payments (CC-2001, CC-2002)',
    ]);
  });
  test('a literal password in a raw aws_db_instance', () => {
    const hint = 'a secret in the configuration is in every checkout, plan and state; let the database keep its password in Secrets Manager (manage_master_user_password = true)';
    expect(messages(database({ manage_master_user_password: undefined, password: 'hunter2hunter2' }), 'terraform/no-literal-secrets')).toEqual([`error aws_db_instance.orders: holds a literal password: ${hint}`]);
    expect(messages(database({ manage_master_user_password: undefined, password: '${"hunter2hunter2"}' }), 'terraform/no-literal-secrets')).toEqual([`error aws_db_instance.orders: holds a literal password: ${hint}`]);
    expect(messages({ resource: { aws_rds_cluster: { c: { master_password: 'x', tags: TAGS } } } }, 'terraform/no-literal-secrets')).toEqual([`error aws_rds_cluster.c: holds a literal master_password: ${hint}`]);
    // A reference is not a literal; manage_master_user_password is a flag.
    expect(messages(database({ password: '${random_password.db.result}' }), 'terraform/no-literal-secrets')).toEqual([]);
    expect(messages(database({}), 'terraform/no-literal-secrets')).toEqual([]);
  });
  test('private keys and tokens anywhere, including providers and outputs; never repeated in the finding', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----';
    const tf = {
      provider: { aws: [{ region: 'us-east-1' }], github: [{ owner: 'acme', token: 'ghp_0123456789abcdefghijABCDEFGHIJ012345' }] },
      resource: { aws_instance: { vm: { ami: 'ami-1', instance_type: 't3.micro', user_data: `#!/bin/sh\necho '${pem}' > /root/key`, tags: TAGS } } },
      output: { key: { value: pem } },
    };
    const found = messages(tf, 'terraform/no-literal-secrets');
    expect(found).toEqual([
      'error aws_instance.vm: holds a private key in user_data: a secret in the configuration is in every checkout, plan and state',
      'error output.key: holds a private key in value: a secret in the configuration is in every checkout, plan and state',
      'error provider.github: holds a literal token: a secret in the configuration is in every checkout, plan and state',
    ]);
    expect(found.join()).not.toContain('MIIE');
    // Spelled with an HCL escape, it is still the key Terraform sends.
    const escaped = { resource: { aws_instance: { vm: { ami: 'ami-1', instance_type: 't3.micro', user_data: '${"-----BEGIN \\u0050RIVATE KEY-----"}', tags: TAGS } } } };
    expect(messages(escaped, 'terraform/no-literal-secrets')).toEqual(['error aws_instance.vm: holds a private key in user_data: a secret in the configuration is in every checkout, plan and state']);
    expect(found.join()).not.toContain('ghp_');
  });
});

describe("Terraform's filesystem functions are refused anywhere", () => {
  test('in a resource, a data source, a provider, a local and an output', () => {
    const tf = {
      provider: { aws: [{ region: 'us-east-1', shared_credentials_files: ['${pathexpand("~/.aws/credentials")}'] }] },
      data: { aws_iam_policy_document: { p: { override_json: '${templatefile("p.tpl", {})}' } } },
      locals: { cert: '${filebase64sha256 ( "cert.pem" )}' },
      resource: { aws_cloudfront_distribution: { site: { aliases: ['${file("/etc/hostname")}'], comment: 'x', tags: TAGS } } },
      output: { home: { value: '${abspath(path.module)}' } },
    };
    expect(messages(tf, 'terraform/no-filesystem-functions')).toEqual([
      'error aws_cloudfront_distribution.site: calls file() in aliases[0], which reads the file system of whoever runs Terraform',
      'error data.aws_iam_policy_document.p: calls templatefile() in override_json, which reads the file system of whoever runs Terraform',
      'error local.cert: calls filebase64sha256() in its value, which reads the file system of whoever runs Terraform',
      'error output.home: calls abspath() in value, which reads the file system of whoever runs Terraform',
      'error provider.aws: calls pathexpand() in shared_credentials_files[0], which reads the file system of whoever runs Terraform',
    ]);
  });
  test('escaped, or only a word in a string, it is a literal', () => {
    const tf = { resource: { aws_cloudfront_distribution: { site: { aliases: ['$${file("/etc/hostname")}'], comment: 'reads file("x") when asked', tags: TAGS } } } };
    expect(messages(tf, 'terraform/no-filesystem-functions')).toEqual([]);
  });
});

describe('reports escape what they did not write', () => {
  test('a hand-written tag value with markup lands escaped in cost-report.md', () => {
    const hostile = 'x|<img src=x onerror=alert(1)>`[y](javascript:alert(1))`';
    const { files } = analyseTf(database({}, { ...TAGS, service: hostile }), { organisation: false });
    const md = files.get('cost-report.md')!;
    expect(md).not.toContain('<img');
    expect(md).not.toContain('](javascript');
    expect(md).toContain('| x\\|&lt;img src=x onerror=alert\\(1\\)&gt;\\`\\[y\\]\\(javascript:alert\\(1\\)\\)\\` |');
  });
});

test('policy.json holds no absolute path: the same output analysed from two directories gives the same bytes', () => {
  const root = tempDir();
  for (const checkout of ['a', 'b']) {
    fs.mkdirSync(path.join(root, checkout, 'out'), { recursive: true });
    fs.writeFileSync(path.join(root, checkout, 'out', 'main.tf.json'), JSON.stringify({ provider: { aws: [{ region: 'us-east-1' }] }, ...database({ publicly_accessible: '${var.public}' }) }));
    fs.writeFileSync(path.join(root, checkout, 'policy-suppressions.yaml'), 'suppressions:\n  - rule: aws/rds-not-public\n    address: aws_db_instance.orders\n    reason: decided per workspace\n');
  }
  const cwd = process.cwd();
  const policies: string[] = [];
  try {
    for (const checkout of ['a', 'b']) {
      process.chdir(path.join(root, checkout));
      policies.push(analyse('out', { suppressions: path.resolve('policy-suppressions.yaml'), today: '2026-01-01' }).files.get('policy.json')!);
    }
  } finally {
    process.chdir(cwd);
  }
  expect(policies[0]).toBe(policies[1]);
  expect(policies[0]).not.toContain(root);
  expect(JSON.parse(policies[0]).suppressions[0].source).toBe('policy-suppressions.yaml');
});
