import { buildOrganisation } from '../stacks/app';
import { parsePolicyDocument } from '../catalog/terraform/hcl-expression';
import { policyDocument } from './helpers/policy-document';
import { cleanUp, Json, resources, resourcesOfType, synth } from './helpers/synth';

afterAll(cleanUp);

// The security probes of issue 27, on the synthesized example organisation.
const { stacks } = synth(buildOrganisation);
const aws = stacks.filter((s) => s.name.endsWith('-aws'));
const kubernetes = stacks.filter((s) => s.name.endsWith('-kubernetes'));

/** Every statement of every policy attached to a role, with the role's name (inline role policies: the constructs' only kind). */
function roleStatements(stack: Json): Array<{ role: string; statement: Json }> {
  return resourcesOfType(stack, 'aws_iam_role_policy').flatMap((p) => ((parsePolicyDocument(p.policy) as Json).Statement as Json[]).map((statement) => ({ role: String(p.role), statement })));
}

test('no service role can read the RDS master user secret; each signs in to its database as its own user (rds-db:connect)', () => {
  let databases = 0;
  for (const stack of aws) {
    const statements = roleStatements(stack.json);
    for (const { role, statement } of statements) {
      const actions = [statement.Action].flat() as string[];
      // A knowledge base reads its own database user's secret (Bedrock's RDS integration takes one), never the master's.
      const secrets = actions.filter((a) => a.startsWith('secretsmanager:'));
      if (secrets.length) expect({ role, secrets, resources: statement.Resource }).toEqual({ role, secrets: ['secretsmanager:GetSecretValue'], resources: [{ ref: expect.stringMatching(/^aws_secretsmanager_secret\.[^.]+_user-secret_[^.]+\.arn$/) }] });
      expect({ role, resources: JSON.stringify(statement.Resource) }).not.toEqual({ role, resources: expect.stringContaining('master_user_secret') });
    }
    const instances = Object.keys(stack.json.resource?.aws_db_instance ?? {});
    databases += instances.length;
    // A resource with a reference in it reads back as { ref: <its text> }: match the text.
    const connects = statements.filter(({ statement }) => JSON.stringify(statement.Action) === '["rds-db:connect"]').flatMap(({ statement }) => statement.Resource as unknown[]);
    expect(connects).toHaveLength(instances.length);
    for (const arn of connects) expect(JSON.stringify(arn)).toMatch(/arn:aws:rds-db:[a-z0-9-]+:[0-9]{12}:dbuser:\$\{aws_db_instance\.[^}]+\.resource_id\}\/[a-z_][a-z0-9_]*"\}$/);
  }
  expect(databases).toBeGreaterThan(2);
});

test('no security group allows all protocols to 0.0.0.0/0 outbound; HTTPS to the internet only where a service asks for it', () => {
  let rules = 0;
  for (const stack of aws) {
    const egress = [
      ...resourcesOfType(stack.json, 'aws_vpc_security_group_egress_rule'),
      ...resourcesOfType(stack.json, 'aws_security_group').flatMap((g) => (g.egress ?? []).map((e: Json) => ({ ip_protocol: e.protocol, cidr_ipv4: (e.cidr_blocks ?? []).join(), from_port: e.from_port, to_port: e.to_port }))),
      ...resourcesOfType(stack.json, 'aws_security_group_rule').filter((r) => r.type === 'egress').map((r) => ({ ip_protocol: r.protocol, cidr_ipv4: (r.cidr_blocks ?? []).join(), from_port: r.from_port, to_port: r.to_port })),
    ];
    rules += egress.length;
    for (const rule of egress) {
      expect({ stack: stack.name, rule: rule.description, allProtocols: ['-1', 'all'].includes(String(rule.ip_protocol)) }).toEqual({ stack: stack.name, rule: rule.description, allProtocols: false });
      if (String(rule.cidr_ipv4).includes('0.0.0.0/0')) expect({ protocol: rule.ip_protocol, from: rule.from_port, to: rule.to_port }).toEqual({ protocol: 'tcp', from: 443, to: 443 });
    }
  }
  expect(rules).toBeGreaterThan(20);
});

test("every workload's pods get their service's security group (SecurityGroupPolicy selecting them)", () => {
  for (const stack of kubernetes) {
    const policies = resourcesOfType(stack.json, 'kubernetes_manifest').map((m) => m.manifest).filter((m) => m.kind === 'SecurityGroupPolicy');
    const workloads = [...resourcesOfType(stack.json, 'kubernetes_deployment_v1'), ...resourcesOfType(stack.json, 'kubernetes_cron_job_v1')];
    expect(workloads.length).toBeGreaterThan(3);
    for (const workload of workloads) {
      const namespace = workload.metadata.namespace;
      const template = workload.spec.template ?? workload.spec.job_template.spec.template;
      const policy = policies.find((p) => p.metadata.namespace === namespace);
      expect({ namespace, apiVersion: policy?.apiVersion }).toEqual({ namespace, apiVersion: 'vpcresources.k8s.aws/v1beta1' });
      expect(template.metadata.labels).toMatchObject(policy.spec.podSelector.matchLabels);
      expect(policy.spec.securityGroups.groupIds).toEqual([expect.stringMatching(/^\$\{data\.terraform_remote_state\..+\}$|^\$\{.*security-group.*\}$/)]);
    }
  }
});

test('every KMS key policy statement for an AWS service is bound to the account: aws:SourceAccount/aws:SourceArn, or the logs encryption context', () => {
  let checked = 0;
  for (const stack of aws) {
    for (const key of resourcesOfType(stack.json, 'aws_kms_key')) {
      for (const statement of policyDocument(key.policy).Statement as Json[]) {
        if (!statement.Principal?.Service) continue;
        checked++;
        const conditions = Object.assign({}, ...Object.values<Json>(statement.Condition ?? {}));
        const bound = ('aws:SourceAccount' in conditions && 'aws:SourceArn' in conditions) || 'kms:EncryptionContext:aws:logs:arn' in conditions;
        expect({ stack: stack.name, sid: statement.Sid, bound }).toEqual({ stack: stack.name, sid: statement.Sid, bound: true });
      }
    }
  }
  expect(checked).toBeGreaterThan(4);
});

test('every trust policy for an AWS service carries aws:SourceAccount and aws:SourceArn', () => {
  let checked = 0;
  for (const stack of aws) {
    for (const role of resourcesOfType(stack.json, 'aws_iam_role')) {
      for (const statement of policyDocument(role.assume_role_policy).Statement as Json[]) {
        if (!statement.Principal?.Service) continue;
        checked++;
        expect({ role: role.name, condition: statement.Condition }).toEqual({ role: role.name, condition: { StringEquals: { 'aws:SourceAccount': expect.any(String) }, ArnLike: { 'aws:SourceArn': expect.any(String) } } });
      }
    }
  }
  expect(checked).toBeGreaterThanOrEqual(aws.length);
});

test('every pod template has automount_service_account_token = false', () => {
  const pods: Array<[string, Json]> = [];
  for (const stack of kubernetes) {
    for (const [type, name, body] of resources(stack.json)) {
      if (type === 'kubernetes_deployment_v1') pods.push([name, body.spec.template.spec]);
      if (type === 'kubernetes_cron_job_v1') pods.push([name, body.spec.job_template.spec.template.spec]);
    }
  }
  expect(pods.length).toBeGreaterThan(10);
  for (const [name, spec] of pods) expect({ name, automount: spec.automount_service_account_token }).toEqual({ name, automount: false });
});

test('every namespace denies all traffic in and out by default, and its workload is allowed DNS to kube-dns and no more than its golden path needs', () => {
  let namespaces = 0;
  for (const stack of kubernetes) {
    const policies = resourcesOfType(stack.json, 'kubernetes_network_policy_v1');
    for (const ns of resourcesOfType(stack.json, 'kubernetes_namespace_v1')) {
      namespaces++;
      const name = ns.metadata.name;
      const inNamespace = policies.filter((p) => p.metadata.namespace === name);
      expect({ name, denyAll: inNamespace.find((p) => p.metadata.name === 'default-deny')?.spec }).toEqual({ name, denyAll: { pod_selector: {}, policy_types: ['Ingress', 'Egress'] } });
      const allow = inNamespace.find((p) => p.metadata.name === 'allow-golden-path')!.spec;
      expect(allow.egress[0]).toEqual({ to: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'kube-system' } }, pod_selector: { match_labels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }] });
      // Anywhere (0.0.0.0/0) only on 443; the VPC only on 443 and data-store ports.
      for (const rule of allow.egress.slice(1)) {
        const cidr = rule.to[0].ip_block.cidr;
        const ports = rule.ports.map((p: Json) => Number(p.port));
        if (cidr === '0.0.0.0/0') expect(ports).toEqual([443]);
        else expect(ports.every((p: number) => [443, 5432].includes(p))).toBe(true);
      }
      // Ingress only to HTTP services, on their port.
      for (const rule of allow.ingress ?? []) expect(rule.ports).toEqual([{ port: expect.stringMatching(/^[0-9]+$/), protocol: 'TCP' }]);
    }
  }
  expect(namespaces).toBeGreaterThan(10);
});

test('every namespace enforces the restricted Pod Security Standard', () => {
  const namespaces = kubernetes.flatMap((s) => resourcesOfType(s.json, 'kubernetes_namespace_v1'));
  expect(namespaces.length).toBeGreaterThan(10);
  for (const ns of namespaces) {
    expect(ns.metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted' });
  }
});
