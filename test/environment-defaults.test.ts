import { buildOrganisation } from '../stacks/app';
import { cleanUp, Json, resourcesOfType, SynthesizedStack, synth } from './helpers/synth';

/** Production gets the safe defaults with no extra props; staging stays cheap. */
let stacks: Record<string, Json>;

beforeAll(() => {
  stacks = Object.fromEntries(synth(buildOrganisation).stacks.map((s: SynthesizedStack) => [s.name, s.json]));
});
afterAll(cleanUp);

const db = (env: string, service: string) => resourcesOfType(stacks[`${env}-aws`], 'aws_db_instance').find((r) => r.identifier === `${service}-${env}`)!;

test('databases: production is Multi-AZ, protected, backed up for 14 days, snapshotted on delete', () => {
  expect(db('production', 'product-catalog')).toMatchObject({
    multi_az: true,
    deletion_protection: true,
    backup_retention_period: 14,
    skip_final_snapshot: false,
    final_snapshot_identifier: 'product-catalog-production-final',
    performance_insights_enabled: true,
  });
  expect(db('staging', 'product-catalog')).toMatchObject({ multi_az: false, deletion_protection: false, backup_retention_period: 3, skip_final_snapshot: true });
});

test('databases in every environment: encrypted, private, password managed by RDS, TLS enforced', () => {
  for (const env of ['staging', 'production']) {
    for (const instance of resourcesOfType(stacks[`${env}-aws`], 'aws_db_instance')) {
      expect(instance).toMatchObject({ storage_encrypted: true, publicly_accessible: false, manage_master_user_password: true, engine: 'postgres' });
      expect(instance).not.toHaveProperty('password');
    }
    for (const group of resourcesOfType(stacks[`${env}-aws`], 'aws_db_parameter_group')) {
      expect(group.parameter).toContainEqual({ name: 'rds.force_ssl', value: '1' });
    }
  }
  // No password anywhere in any stack's JSON.
  expect(JSON.stringify(stacks)).not.toMatch(/"(master_)?password"\s*:/);
});

test("the database admits only its service's security group", () => {
  const ingress = resourcesOfType(stacks['production-aws'], 'aws_vpc_security_group_ingress_rule');
  const checkout = ingress.find((r) => r['//'].metadata.path === 'production-aws/checkout/database/ingress-from-service')!;
  const [serviceGroup] = Object.entries<Json>(stacks['production-aws'].resource.aws_security_group).find(([, g]) => g['//'].metadata.path === 'production-aws/checkout/security-group')!;
  expect(checkout).toMatchObject({ from_port: 5432, to_port: 5432, ip_protocol: 'tcp', referenced_security_group_id: `\${aws_security_group.${serviceGroup}.id}` });
  expect(checkout).not.toHaveProperty('cidr_ipv4');
  // Only a public load balancer admits the internet, and only on 443 and 80 (shop-api); other addresses are the VPC's
  // (kubelet probes and in-cluster callers on the pods' port, HTTPS to the AWS API endpoints).
  const open = ingress.filter((r) => r.cidr_ipv6 || (r.cidr_ipv4 && r.cidr_ipv4 !== '10.20.0.0/16'));
  expect(ingress.filter((r) => r.cidr_ipv4 === '10.20.0.0/16').map((r) => r.from_port).sort((a, b) => a - b)).toEqual([443, 3000, 8080, 8080, 8080, 8080, 8080, 8080]);
  expect(open.map((r) => [r['//'].metadata.path, r.cidr_ipv4, r.from_port])).toEqual([
    ['production-aws/shop-api/load-balancer/ingress-443', '0.0.0.0/0', 443],
    ['production-aws/shop-api/load-balancer/ingress-80', '0.0.0.0/0', 80],
  ]);
});

test('network: a NAT gateway per zone in production (3), one in staging; at least two zones', () => {
  expect(resourcesOfType(stacks['production-aws'], 'aws_nat_gateway')).toHaveLength(3);
  expect(resourcesOfType(stacks['staging-aws'], 'aws_nat_gateway')).toHaveLength(1);
  for (const env of ['staging', 'production']) {
    const subnets = resourcesOfType(stacks[`${env}-aws`], 'aws_subnet');
    const zones = new Set(subnets.map((s) => s.availability_zone));
    expect(zones.size).toBeGreaterThanOrEqual(2);
    expect(subnets.filter((s) => s.tags.Name.includes('-public-'))).toHaveLength(zones.size);
    expect(subnets.filter((s) => s.tags.Name.includes('-private-'))).toHaveLength(zones.size);
  }
  // Each private subnet in production routes through the NAT gateway of its own zone.
  const routes = resourcesOfType(stacks['production-aws'], 'aws_route_table').filter((r) => r.route[0].nat_gateway_id);
  expect(new Set(routes.map((r) => r.route[0].nat_gateway_id)).size).toBe(3);
});

test('workloads: more replicas in production; requests, limits, probes and a non-root context everywhere', () => {
  const deployment = (env: string, name: string) => resourcesOfType(stacks[`${env}-kubernetes`], 'kubernetes_deployment_v1').find((d) => d.metadata.name === name)!;
  expect(deployment('production', 'product-catalog').spec.replicas).toBe('2');
  expect(deployment('staging', 'product-catalog').spec.replicas).toBe('1');
  for (const env of ['staging', 'production']) {
    for (const d of resourcesOfType(stacks[`${env}-kubernetes`], 'kubernetes_deployment_v1')) {
      const [container] = d.spec.template.spec.container;
      expect(container.resources.requests.cpu).toBeDefined();
      expect(container.resources.limits.memory).toBe(container.resources.requests.memory);
      expect(container.security_context).toMatchObject({ run_as_non_root: true, privileged: false, allow_privilege_escalation: false });
      expect(container.readiness_probe.http_get.path).toBe('/readyz');
      expect(container.liveness_probe.http_get.path).toBe('/healthz');
      expect(container.image).not.toMatch(/:latest$/);
    }
  }
  const pdbs = resourcesOfType(stacks['staging-kubernetes'], 'kubernetes_pod_disruption_budget_v1');
  expect(pdbs.find((p) => p.metadata.name === 'product-catalog')!.spec).toMatchObject({ max_unavailable: '1' });
});

test('IRSA: the service account is annotated with a role only that service account may assume', () => {
  const sa = resourcesOfType(stacks['production-kubernetes'], 'kubernetes_service_account_v1').find((s) => s.metadata.name === 'checkout')!;
  expect(sa.metadata.annotations['eks.amazonaws.com/role-arn']).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-production-aws\.outputs\./);
  const role = resourcesOfType(stacks['production-aws'], 'aws_iam_role').find((r) => r.name === 'checkout-production')!;
  expect(role.assume_role_policy).toContain('system:serviceaccount:checkout:checkout');
  expect(role.assume_role_policy).toContain('arn:aws:iam::222222222222:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/');
});

test('buckets: public access blocked, encrypted, versioned, owner-enforced, TLS only', () => {
  const aws = stacks['production-aws'];
  const count = resourcesOfType(aws, 'aws_s3_bucket').length;
  expect(count).toBe(8); // ledger, product-catalog, recommendations, ledger-reconciliation, help-center site and its logs, shop-api's ALB access logs, support-answers' documents
  expect(resourcesOfType(aws, 'aws_s3_bucket').every((b) => b.force_destroy === false)).toBe(true);
  expect(resourcesOfType(stacks['staging-aws'], 'aws_s3_bucket').every((b) => b.force_destroy === true)).toBe(true);
  for (const pab of resourcesOfType(aws, 'aws_s3_bucket_public_access_block')) {
    expect(pab).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
  }
  expect(resourcesOfType(aws, 'aws_s3_bucket_versioning').map((v) => v.versioning_configuration.status)).toEqual(Array(count).fill('Enabled'));
  expect(resourcesOfType(aws, 'aws_s3_bucket_server_side_encryption_configuration')).toHaveLength(count);
  // ACLs stay off everywhere but on the bucket CloudFront delivers access logs to.
  const owned = resourcesOfType(aws, 'aws_s3_bucket_ownership_controls').filter((o) => o.rule.object_ownership !== 'BucketOwnerEnforced');
  expect(owned.map((o) => [o['//'].metadata.path, o.rule.object_ownership])).toEqual([['production-aws/help-center/site/access-logs/ownership-controls', 'BucketOwnerPreferred']]);
});

test('queues: encrypted, with an encrypted dead-letter queue', () => {
  const queues = resourcesOfType(stacks['staging-aws'], 'aws_sqs_queue');
  expect(queues.every((q) => q.sqs_managed_sse_enabled === true)).toBe(true);
  const main = queues.filter((q) => !q.name.endsWith('-dlq'));
  expect(main.map((q) => q.name).sort()).toEqual(['checkout-staging', 'notifications-staging', 'order-events-staging', 'recommendations-staging']);
  for (const q of main) expect(q.redrive_policy).toContain('maxReceiveCount');
});

test('repositories: private, protected default branch with reviews, CODEOWNERS naming the team, team access', () => {
  const github = stacks.github;
  const protections = resourcesOfType(github, 'github_branch_protection');
  expect(protections).toHaveLength(11);
  for (const p of protections) {
    expect(p).toMatchObject({ pattern: 'main', enforce_admins: true, allows_force_pushes: false });
    expect(p.required_pull_request_reviews[0]).toMatchObject({ required_approving_review_count: 1, require_code_owner_reviews: true });
  }
  const codeowners = resourcesOfType(github, 'github_repository_file').find((f) => f['//'].metadata.path === 'github/checkout/codeowners')!;
  expect(codeowners).toMatchObject({ file: '.github/CODEOWNERS', content: expect.stringContaining('* @acme-corp/payments') });
  expect(resourcesOfType(github, 'github_repository').every((r) => r.visibility === 'private')).toBe(true);
  expect(resourcesOfType(github, 'github_team').map((t) => t.name)).toEqual(['data', 'payments', 'platform', 'storefront']);
});
