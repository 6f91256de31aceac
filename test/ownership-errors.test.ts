import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { HttpService } from '../golden-paths/http-service';
import { Organisation } from '../golden-paths/organisation';
import { cleanUp, errorOf, synth, tempDir } from './helpers/synth';
import { oneService, settingsWith } from './helpers/org';

afterAll(cleanUp);

const app = () => new App({ outdir: tempDir() });

describe('bad ownership input stops synth with one sentence per problem', () => {
  test('missing owner: names the path, the key and the rule', () => {
    const message = errorOf(() => oneService(app(), { owner: undefined as unknown as string }));
    expect(message).toContain('github/svc: ownership key "owner" is required (a known team (data, payments, platform, storefront)).');
  });

  test('unknown team', () => {
    expect(errorOf(() => oneService(app(), { owner: 'marketing' }))).toContain('ownership key "owner" has value "marketing", which must be a known team (data, payments, platform, storefront).');
  });

  test('bad characters and several problems at once, each its own line', () => {
    const message = errorOf(() => oneService(app(), { costCenter: 'CC 2001!', tags: { 'data-classification': 'secret' } }));
    const lines = message.split('\n').filter((l) => l.startsWith('  - '));
    expect(lines).toEqual([
      '  - github/svc: ownership key "cost-center" has value "CC 2001!", which must be a cost center code: letters, digits, \'.\', \'_\' and \'-\', 1 to 63 characters.',
      '  - github/svc: ownership key "data-classification" has value "secret", which must be one of public, internal, confidential, restricted.',
    ]);
  });

  test('a cost center of another team', () => {
    expect(errorOf(() => oneService(app(), { costCenter: 'CC-3001' }))).toContain('"cost-center" has value "CC-3001", which is not a cost center of team "payments" (CC-2001, CC-2002).');
  });

  test('too long: a service name over 63 characters', () => {
    const name = `s${'x'.repeat(63)}`;
    expect(errorOf(() => oneService(app(), {}, name))).toContain(`Service name "${name}" must be lowercase letters, digits and hyphens, 1 to 63 characters`);
  });

  test('too long for a target: an organisation key within the AWS limits but over the GitHub topic limit', () => {
    const org = new Organisation(app(), settingsWith((s) => (s.tagKeys.purpose = { description: 'why it exists', pattern: '^[a-z -]+$' })));
    const message = errorOf(() => new HttpService(org, 'svc', { owner: 'data', description: 'x', version: '1.0.0', tags: { purpose: 'a'.repeat(70) } }));
    expect(message).toContain(`becomes the GitHub topic "purpose-${'a'.repeat(70)}" of 78 characters; GitHub allows at most 50.`);
  });

  test('not expressible as a Kubernetes label: never truncated or rewritten, an error', () => {
    const org = new Organisation(app(), settingsWith((s) => (s.tagKeys.purpose = { description: 'why it exists', pattern: '^[a-z -]+$' })));
    const message = errorOf(() => new HttpService(org, 'svc', { owner: 'data', description: 'x', version: '1.0.0', tags: { purpose: 'search-' } }));
    expect(message).toContain('production-kubernetes/svc: label "purpose" has value "search-", which Kubernetes does not allow');
  });

  test('interpolation: "${" in an ownership value is refused, not passed to Terraform', () => {
    const settings = settingsWith((s) => (s.tagKeys.purpose = { description: 'free text' }));
    const org = new Organisation(app(), settings);
    const message = errorOf(() => new HttpService(org, 'svc', { owner: 'data', description: 'x', version: '1.0.0', tags: { purpose: 'cost of ${var.x}' } }));
    expect(message).toContain('ownership key "purpose" has value "cost of ${var.x}", which must not contain "${" or "%{": Terraform would read it as an interpolation, not a literal.');
  });

  test('an unknown organisation key', () => {
    expect(errorOf(() => oneService(app(), { tags: { colour: 'blue' } }))).toContain('tag key "colour" is not an ownership key of the organisation (known: data-classification).');
  });

  test('contradiction: a resource tag that disagrees with the ownership fails synth, naming the resource', () => {
    const message = errorOf(() =>
      synth((a) => {
        const svc = oneService(a);
        new SqsQueue(svc.environments.staging.queue ?? svc.environments.staging.role, 'rogue', { name: 'rogue', tags: { owner: 'storefront', purpose: 'extra keys are fine' } });
      }),
    );
    expect(message).toContain('[staging-aws/svc/role/rogue] AWS resource aws_sqs_queue sets tag "owner" to "storefront", which contradicts its ownership ("owner" is "payments")');
  });

  test('contradiction with an environment key from default_tags', () => {
    const message = errorOf(() =>
      synth((a) => {
        const svc = oneService(a);
        new SqsQueue(svc.environments.staging.role, 'rogue', { name: 'rogue', tags: { environment: 'production' } });
      }),
    );
    expect(message).toContain('sets tag "environment" to "production", which contradicts its ownership ("environment" is "staging")');
  });

  test('a Kubernetes label that contradicts the ownership', () => {
    const message = errorOf(() =>
      synth((a) => {
        const svc = oneService(a);
        new DeploymentV1(svc.environments.staging.workload, 'rogue', {
          metadata: { name: 'rogue', labels: { owner: 'data' } },
          spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { container: [{ name: 'c', image: 'i:1' }] } } },
        });
      }),
    );
    expect(message).toContain('Kubernetes kubernetes_deployment_v1 sets label "owner" to "data" in metadata, which contradicts its ownership ("payments").');
  });

  test('a taggable resource created outside any owned scope fails synth', () => {
    const message = errorOf(() =>
      synth((a) => {
        const svc = oneService(a);
        new SqsQueue(svc.organisation.environments.staging.aws, 'orphan', { name: 'orphan' });
      }),
    );
    expect(message).toContain('[staging-aws/orphan] AWS resource aws_sqs_queue lacks the ownership tags owner, service, cost-center, data-classification');
  });

  test('a failed synth writes nothing and keeps the previous output', () => {
    const { outdir } = synth((a) => oneService(a));
    const before = fs.readFileSync(`${outdir}/stacks/staging-aws/cdk.tf.json`, 'utf8');
    errorOf(() => synth((a) => oneService(a, { owner: 'nobody' }), outdir));
    expect(fs.readFileSync(`${outdir}/stacks/staging-aws/cdk.tf.json`, 'utf8')).toBe(before);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['cdktf.out']);
  });
});

describe('organisation settings', () => {
  test('schema problems are listed with where they are', () => {
    const message = errorOf(() =>
      new Organisation(
        app(),
        settingsWith((s) => {
          s.teams.payments.costCenters = [];
          s.environments.staging.cidr = '10.0.0.0';
          delete s.githubOwner;
        }),
        'stacks/organisation.ts',
      ),
    );
    expect(message).toContain('The organisation settings in stacks/organisation.ts are invalid:');
    expect(message).toContain('(top level) is missing the required property "githubOwner"');
    expect(message).toContain('environments.staging.cidr must match pattern');
    expect(message).toContain('teams.payments.costCenters must NOT have fewer than 1 items');
  });

  test('cross-references: the platform team must exist', () => {
    expect(errorOf(() => new Organisation(app(), settingsWith((s) => (s.platformTeam = 'ops'))))).toContain('platformTeam "ops" is not one of the teams');
  });
});
