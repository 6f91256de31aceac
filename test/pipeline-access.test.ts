import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { analyse } from '../catalog/analyse';
import { HttpService } from '../golden-paths/http-service';
import { Organisation } from '../golden-paths/organisation';
import { settingsWith } from './helpers/org';
import { repo } from './helpers/project';
import { cleanUp, resourcesOfType, synth } from './helpers/synth';
import { mirror, withTerraform } from './helpers/terraform';

/**
 * The bootstrap stack's pipeline roles, judged in terraform's own offline plan of the stack (the
 * plan JSON's planned values), not in the synthesized text: what an administrator would apply.
 */
afterAll(cleanUp);

type Json = Record<string, any>;

function organisation(settings: any) {
  return synth((app: App) => {
    const org = new Organisation(app, settings, 'test settings');
    new HttpService(org, 'svc', { owner: 'payments', description: 'A test service', version: '1.0.0' });
  });
}

const s3Settings = () =>
  settingsWith((s) => {
    s.state = { backend: 's3', keyPrefix: 'acme/state' };
    s.environments.staging.state = { bucket: 'acme-tfstate-staging' };
    s.environments.production.state = { bucket: 'acme-tfstate-production', region: 'eu-central-1' };
  });

/** `npm run plan -- --offline bootstrap`: terraform plan with the mirrored provider and mock credentials. */
function planBootstrap(outdir: string): Json {
  const result = spawnSync('node', [path.join(repo, 'dist/scripts/plan.js'), '--offline', '--dir', outdir, 'bootstrap'], { encoding: 'utf8', env: { ...process.env, GROUNDWORK_TF_MIRROR: mirror ?? '' } });
  expect({ status: result.status, stderr: result.stderr.split('\n').filter((l) => !l.startsWith('Planning ')).join('\n').trim() }).toEqual({ status: 0, stderr: '' });
  return JSON.parse(fs.readFileSync(path.join(outdir, 'plans', 'bootstrap.json'), 'utf8'));
}

/** Planned resources of the plan, by address. */
const planned = (plan: Json): Record<string, Json> => Object.fromEntries((plan.planned_values.root_module.resources as Json[]).map((r) => [r.address, r.values]));
const role = (plan: Json, env: string, kind: string) => Object.values(planned(plan)).find((v) => v.name === `acme-${env}-ci-${kind}` && 'assume_role_policy' in v)!;
const inline = (plan: Json, env: string, kind: string) => JSON.parse(Object.values(planned(plan)).find((v) => v.role === `acme-${env}-ci-${kind}` && 'policy' in v)!.policy);
const attachments = (plan: Json, env: string, kind: string) =>
  Object.values(planned(plan))
    .filter((v) => v.role === `acme-${env}-ci-${kind}` && 'policy_arn' in v)
    .map((v) => v.policy_arn);
const statement = (policy: Json, sid: string) => policy.Statement.find((s: Json) => s.Sid === sid);

const whenTerraform = withTerraform.describe;

describe('the bootstrap stack exists with any backend, on local state, and holds the pipeline roles', () => {
  const { stacks, outdir } = organisation(settingsWith());
  const bootstrap = stacks.find((s) => s.name === 'bootstrap')!.json;

  test('local state; one OIDC provider and three roles per environment; nothing else outside it changes its backend', () => {
    expect(bootstrap.terraform.backend).toEqual({ local: { path: '../../../terraform.bootstrap.tfstate' } });
    expect(resourcesOfType(bootstrap, 'aws_iam_openid_connect_provider').map((p) => [p.url, p.client_id_list, p.provider])).toEqual([
      ['https://token.actions.githubusercontent.com', ['sts.amazonaws.com'], 'aws.production'],
      ['https://token.actions.githubusercontent.com', ['sts.amazonaws.com'], 'aws.staging'],
    ]);
    expect(resourcesOfType(bootstrap, 'aws_iam_role').map((r) => r.name).sort()).toEqual(['acme-production-ci-deploy', 'acme-production-ci-drift', 'acme-production-ci-plan', 'acme-staging-ci-deploy', 'acme-staging-ci-drift', 'acme-staging-ci-plan']);
    expect(resourcesOfType(bootstrap, 'aws_s3_bucket')).toEqual([]);
  });

  test('owned, tagged, within the guardrails (the deploy role\'s administrator access suppressed with its reason)', () => {
    const { policy } = analyse(outdir);
    expect(policy.findings.filter((f) => f.stack === 'bootstrap' && f.severity !== 'info' && !f.suppressed)).toEqual([]);
    expect(policy.tagCoverage.byStack.bootstrap.percent).toBe(100);
    const suppressed = policy.suppressions.filter((s) => (s.path ?? '').startsWith('bootstrap/'));
    expect(suppressed.map((s) => [s.rule, s.path])).toEqual([
      ['aws/iam-no-admin-wildcard', 'bootstrap/pipeline-production/deploy/administrator-access'],
      ['aws/iam-no-admin-wildcard', 'bootstrap/pipeline-staging/deploy/administrator-access'],
    ]);
  });

  test('the platform repository\'s GitHub environments: deployable from main only, production behind the platform team', () => {
    const github = stacks.find((s) => s.name === 'github')!.json;
    const environments = resourcesOfType(github, 'github_repository_environment');
    expect(environments.map((e) => [e.repository, e.environment, e.deployment_branch_policy, e.reviewers?.[0]?.teams, e.can_admins_bypass])).toEqual([
      ['groundwork', 'production', { protected_branches: false, custom_branch_policies: true }, [expect.stringMatching(/^\$\{github_team\.team-platform_team_[0-9A-F]+\.id\}$/)], false],
      ['groundwork', 'staging', { protected_branches: false, custom_branch_policies: true }, undefined, false],
    ]);
    expect(resourcesOfType(github, 'github_repository_environment_deployment_policy').map((p) => [p.repository, p.branch_pattern])).toEqual([
      ['groundwork', 'main'],
      ['groundwork', 'main'],
    ]);
  });

  test('no platformRepository in the settings: no GitHub environments are managed', () => {
    const { stacks: without } = organisation(settingsWith((s) => delete s.platformRepository));
    expect(resourcesOfType(without.find((s) => s.name === 'github')!.json, 'github_repository_environment')).toEqual([]);
  });

  whenTerraform('in terraform\'s plan (local state: nothing decrypted, no object written)', () => {
    let plan: Json;
    beforeAll(() => {
      plan = planBootstrap(outdir);
    });

    test('the plan role trusts pull requests of the platform repository only, for the STS audience', () => {
      const trust = JSON.parse(role(plan, 'staging', 'plan').assume_role_policy);
      expect(trust.Statement).toEqual([
        {
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:acme-corp/groundwork:pull_request' } },
        },
      ]);
    });

    test.each([
      ['drift', 'production', 'repo:acme-corp/groundwork:ref:refs/heads/main'],
      ['deploy', 'production', 'repo:acme-corp/groundwork:environment:production'],
      ['deploy', 'staging', 'repo:acme-corp/groundwork:environment:staging'],
    ])('the %s role of %s trusts %s only', (kind, env, sub) => {
      const trust = JSON.parse(role(plan, env, kind).assume_role_policy);
      expect(trust.Statement).toHaveLength(1);
      expect(trust.Statement[0].Condition).toEqual({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': sub } });
    });

    test('plan and drift: ReadOnlyAccess, secret values denied, no KMS decryption, no object writes', () => {
      for (const kind of ['plan', 'drift']) {
        expect(attachments(plan, 'production', kind)).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
        const policy = inline(plan, 'production', kind);
        expect(statement(policy, 'DenySecretValues')).toMatchObject({ Effect: 'Deny', Resource: '*', Action: expect.arrayContaining(['secretsmanager:GetSecretValue', 'ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath']) });
        expect(statement(policy, 'DenyKmsDecrypt')).toEqual({ Sid: 'DenyKmsDecrypt', Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*' });
        expect(statement(policy, 'DenyObjectWrites')).toMatchObject({ Effect: 'Deny', Resource: '*', Action: expect.arrayContaining(['s3:PutObject', 's3:DeleteObject']) });
        expect(policy.Statement.filter((s: Json) => s.Effect === 'Allow')).toEqual([]);
      }
    });

    test('deploy: administrator access, nothing else attached', () => {
      expect(attachments(plan, 'staging', 'deploy')).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess']);
    });
  });
});

whenTerraform('S3 state: the plan role reads the state and writes only its lock objects, decrypting only through S3 on the state bucket', () => {
  let plan: Json;
  beforeAll(() => {
    plan = planBootstrap(organisation(s3Settings()).outdir);
  });

  test('KMS decryption denied unless through S3 in the bucket\'s region, on the state bucket', () => {
    const policy = inline(plan, 'production', 'plan');
    expect(statement(policy, 'DenyKmsDecryptOutsideS3')).toEqual({ Sid: 'DenyKmsDecryptOutsideS3', Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*', Condition: { StringNotEquals: { 'kms:ViaService': 's3.eu-central-1.amazonaws.com' } } });
    expect(statement(policy, 'DenyKmsDecryptOutsideStateBucket').Condition).toEqual({ StringNotLike: { 'kms:EncryptionContext:aws:s3:arn': ['arn:aws:s3:::acme-tfstate-production', 'arn:aws:s3:::acme-tfstate-production/*'] } });
  });

  test('every object write denied except <key>.tflock under the state prefix; reads of the state allowed', () => {
    const policy = inline(plan, 'staging', 'plan');
    expect(statement(policy, 'DenyObjectWritesButLocks')).toMatchObject({ Effect: 'Deny', NotResource: ['arn:aws:s3:::acme-tfstate-staging/acme/state/*.tflock'] });
    expect(statement(policy, 'WriteLocks')).toEqual({ Sid: 'WriteLocks', Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: ['arn:aws:s3:::acme-tfstate-staging/acme/state/*.tflock'] });
    expect(statement(policy, 'ReadState').Resource).toEqual(['arn:aws:s3:::acme-tfstate-staging', 'arn:aws:s3:::acme-tfstate-staging/acme/state/*']);
    expect(statement(policy, 'DenySecretValues').Action).toContain('secretsmanager:GetSecretValue');
  });

  test('the state buckets and the roles in one stack, still on local state', () => {
    const addresses = Object.keys(planned(plan));
    expect(addresses.filter((a) => a.startsWith('aws_s3_bucket.')).length).toBe(2);
    expect(addresses.filter((a) => a.startsWith('aws_iam_role.')).length).toBe(6);
  });
});
