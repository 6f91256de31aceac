import { App } from 'cdktf';
import { analyse } from '../catalog/analyse';
import { isKind } from '../catalog/service-catalog/catalog-model';
import { HttpService } from '../golden-paths/http-service';
import { Organisation } from '../golden-paths/organisation';
import { settingsWith } from './helpers/org';
import { cleanUp, errorOf, resourcesOfType, synth } from './helpers/synth';
import { initAndValidate, withTerraform } from './helpers/terraform';

afterAll(cleanUp);

const s3Settings = (edit: (s: any) => void = () => undefined) =>
  settingsWith((s) => {
    s.state = { backend: 's3' };
    s.environments.staging.state = { bucket: 'acme-tfstate-staging' };
    s.environments.production.state = { bucket: 'acme-tfstate-production', region: 'eu-central-1' };
    edit(s);
  });

function organisation(settings: any) {
  return synth((app: App) => {
    const org = new Organisation(app, settings, 'test settings');
    new HttpService(org, 'svc', { owner: 'payments', description: 'A test service', version: '1.0.0', database: true });
  });
}

describe('S3 remote state', () => {
  const { outdir, stacks } = organisation(s3Settings());
  const stack = (name: string) => stacks.find((s) => s.name === name)!.json;

  test('one key per stack in the environment bucket, S3-native locking, no DynamoDB table', () => {
    expect(stack('staging-aws').terraform.backend).toEqual({ s3: { bucket: 'acme-tfstate-staging', key: 'groundwork/staging-aws.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true } });
    expect(stack('production-kubernetes').terraform.backend.s3).toMatchObject({ bucket: 'acme-tfstate-production', key: 'groundwork/production-kubernetes.tfstate', region: 'eu-central-1' });
    expect(stack('github').terraform.backend.s3.bucket).toBe('acme-tfstate-production');
    expect(JSON.stringify(stacks.map((s) => s.json))).not.toMatch(/dynamodb_table/);
  });

  test('cross-stack references read the producing stack from its S3 key', () => {
    const remote = stack('staging-kubernetes').data.terraform_remote_state['cross-stack-reference-input-staging-aws'];
    expect(remote).toMatchObject({ backend: 's3', config: { bucket: 'acme-tfstate-staging', key: 'groundwork/staging-aws.tfstate' } });
  });

  test('the bootstrap stack: a state bucket per environment, versioned, encrypted, private, TLS only, never destroyed, on local state', () => {
    const bootstrap = stack('bootstrap');
    expect(bootstrap.terraform.backend).toEqual({ local: { path: '../../../terraform.bootstrap.tfstate' } });
    const buckets = resourcesOfType(bootstrap, 'aws_s3_bucket');
    expect(buckets.map((b) => [b.bucket, b.provider, b.lifecycle, b.force_destroy])).toEqual([
      ['acme-tfstate-production', 'aws.production', { prevent_destroy: true }, false],
      ['acme-tfstate-staging', 'aws.staging', { prevent_destroy: true }, false],
    ]);
    expect(resourcesOfType(bootstrap, 'aws_s3_bucket_versioning').map((v) => v.versioning_configuration.status)).toEqual(['Enabled', 'Enabled']);
    expect(resourcesOfType(bootstrap, 'aws_s3_bucket_public_access_block').every((p) => p.block_public_acls && p.block_public_policy && p.ignore_public_acls && p.restrict_public_buckets)).toBe(true);
    expect(resourcesOfType(bootstrap, 'aws_s3_bucket_server_side_encryption_configuration').map((e) => e.rule[0].apply_server_side_encryption_by_default.sse_algorithm)).toEqual(['aws:kms', 'aws:kms']);
    expect(resourcesOfType(bootstrap, 'aws_s3_bucket_policy')[0].policy).toContain('aws:SecureTransport');
    expect(bootstrap.provider.aws.map((p: any) => [p.alias, p.region, p.allowed_account_ids])).toEqual([
      ['production', 'eu-central-1', ['222222222222']],
      ['staging', 'us-east-1', ['111111111111']],
    ]);
    for (const b of buckets) expect(b.tags).toMatchObject({ owner: 'platform', service: 'terraform-state' });
  });

  test('owned, tagged and within the guardrails', () => {
    const { policy, catalog } = analyse(outdir);
    expect(policy.findings.filter((f) => f.stack === 'bootstrap' && f.severity !== 'info' && !f.suppressed)).toEqual([]);
    // The state buckets are the platform team's resources in the catalog, not a service.
    expect(catalog.entities.filter(isKind('service')).map((s) => s.name)).not.toContain('terraform-state');
    expect(catalog.entities.filter(isKind('resource')).filter((r) => r.tags.service === 'terraform-state').map((r) => [r.name, r.type, r.owner, r.service, r.description])).toEqual([
      ['acme-tfstate-production-bucket', 'bucket', 'platform', undefined, 'The Terraform state bucket of each environment (S3 backend)'],
      ['acme-tfstate-staging-bucket', 'bucket', 'platform', undefined, 'The Terraform state bucket of each environment (S3 backend)'],
    ]);
    expect(policy.tagCoverage.byStack.bootstrap.percent).toBe(100);
  });

  withTerraform.test('the bootstrap stack is valid Terraform (terraform validate, offline)', () => {
    expect(initAndValidate(stacks.find((s) => s.name === 'bootstrap')!.dir)).toMatchObject({ valid: true, error_count: 0 });
  });
});

test('local state stays the default: the bootstrap stack holds no state bucket (only the pipeline roles)', () => {
  const { stacks } = organisation(settingsWith());
  expect(resourcesOfType(stacks.find((s) => s.name === 'bootstrap')!.json, 'aws_s3_bucket')).toEqual([]);
  expect(stacks.find((s) => s.name === 'staging-aws')!.json.terraform.backend).toEqual({ local: { path: '../../../terraform.staging-aws.tfstate' } });
});

test('bad settings: one sentence per problem', () => {
  const message = errorOf(() => organisation(s3Settings((s) => {
    delete s.environments.staging.state;
    s.state.githubEnvironment = 'qa';
  })));
  expect(message).toContain('environments.staging.state.bucket is required: state.backend is "s3"');
  expect(message).toContain('state.githubEnvironment "qa" is not one of the environments (staging, production)');
});
