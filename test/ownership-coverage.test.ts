import { requiredKeys } from '../model/ownership-record';
import { organisationSettings } from '../stacks/example-settings';
import { buildOrganisation } from '../stacks/app';
import { cleanUp, Json, resources, resourcesOfType, SynthesizedStack, synth, tempDir } from './helpers/synth';
import { awsTaggableTypes, withTerraform } from './helpers/terraform';

/**
 * Independent checks on the synthesized JSON of the example organisation: they read the output,
 * not the constructs, and take "taggable" from the AWS provider's own schema.
 */
const required = requiredKeys(organisationSettings);
let stacks: SynthesizedStack[];

beforeAll(() => {
  stacks = synth(buildOrganisation).stacks;
});
afterAll(cleanUp);

// The environments' AWS stacks (the bootstrap stack has one provider per environment, aliased).
const awsStacks = () => stacks.filter((s) => s.json.provider?.aws && s.name !== 'bootstrap');
const kubernetesStacks = () => stacks.filter((s) => s.json.provider?.kubernetes);

test('the example organisation has an AWS and a Kubernetes stack per environment and one GitHub stack', () => {
  expect(stacks.map((s) => s.name)).toEqual(['bootstrap', 'github', 'production-aws', 'production-kubernetes', 'staging-aws', 'staging-kubernetes']);
  // AWS-only stacks: they can be validated and planned with the mirrored provider alone.
  for (const s of awsStacks()) expect(Object.keys(s.json.provider)).toEqual(['aws']);
});

describe('AWS: every taggable resource carries every required key', () => {
  withTerraform.test('taggable = has a tags map in the provider schema; coverage is 100%', () => {
    const taggable = awsTaggableTypes(tempDir());
    expect(taggable.has('aws_db_instance')).toBe(true);
    expect(taggable.has('aws_iam_role_policy')).toBe(false);
    let checked = 0;
    for (const stack of awsStacks()) {
      const defaults: Json = stack.json.provider.aws[0].default_tags[0].tags;
      for (const [type, name, body] of resources(stack.json)) {
        if (!taggable.has(type)) continue;
        const effective = { ...defaults, ...(body.tags ?? {}) };
        const missing = required.filter((key) => !effective[key]);
        expect({ resource: `${stack.name}/${type}.${name}`, missing }).toEqual({ resource: `${stack.name}/${type}.${name}`, missing: [] });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  test('per-service keys come from the resource, environment keys from default_tags', () => {
    for (const stack of awsStacks()) {
      const env = stack.name.replace(/-aws$/, '');
      expect(stack.json.provider.aws[0].default_tags[0].tags).toEqual({ environment: env, 'managed-by': 'groundwork', organisation: 'acme' });
    }
    const db = resourcesOfType(awsStacks()[0].json, 'aws_db_instance').find((r) => r.identifier === 'checkout-production')!;
    expect(db.tags).toEqual({ owner: 'payments', service: 'checkout', 'cost-center': 'CC-2001', 'data-classification': 'confidential' });
  });
});

/** Every `metadata` block in a Kubernetes resource body, with where it is. */
function metadataBlocks(body: Json, at = ''): Array<[string, Json]> {
  return Object.entries(body).flatMap(([key, value]) => {
    if (key === '//' || !value || typeof value !== 'object' || Array.isArray(value)) return [];
    return key === 'metadata' ? [[`${at}${key}`, value as Json]] : metadataBlocks(value as Json, `${at}${key}.`);
  });
}

test('Kubernetes: every object and every pod template carries the app and ownership labels', () => {
  const labels = ['app.kubernetes.io/name', 'app.kubernetes.io/part-of', 'app.kubernetes.io/managed-by', ...required];
  let templates = 0;
  for (const stack of kubernetesStacks()) {
    const env = stack.name.replace(/-kubernetes$/, '');
    for (const [type, name, body] of resources(stack.json)) {
      const blocks = metadataBlocks(body);
      expect(blocks.length).toBeGreaterThan(0);
      for (const [where, metadata] of blocks) {
        const missing = labels.filter((l) => !metadata.labels?.[l]);
        expect({ at: `${stack.name}/${type}.${name}.${where}`, missing }).toEqual({ at: `${stack.name}/${type}.${name}.${where}`, missing: [] });
        expect(metadata.labels.environment).toBe(env);
        expect(metadata.labels['app.kubernetes.io/managed-by']).toBe('groundwork');
        if (where.includes('template')) templates++;
      }
    }
  }
  // Deployments: 8 in staging, 7 in production; the CronJob has a job template and a pod template in each.
  expect(templates).toBe(8 + 7 + 2 * 2);
});

test('GitHub: every repository carries the ownership as topics', () => {
  const github = stacks.find((s) => s.name === 'github')!;
  const repos = resourcesOfType(github.json, 'github_repository');
  expect(repos).toHaveLength(11);
  for (const repo of repos) {
    const topicKeys = required.filter((k) => k !== 'environment').map((k) => `${k}-`);
    for (const prefix of topicKeys) expect(repo.topics.some((t: string) => t.startsWith(prefix))).toBe(true);
    expect(repo.topics).toContain(`service-${repo.name}`);
    for (const topic of repo.topics) expect(topic).toMatch(/^[a-z0-9][a-z0-9-]{0,49}$/);
    expect(repo.topics.length).toBeLessThanOrEqual(20);
  }
});
