import * as fs from 'fs';
import * as path from 'path';
import { Token } from 'cdktf';
import { terraformLiteral } from '../constructs/literal';
import { HttpService } from '../golden-paths/http-service';
import { buildOrganisation } from '../stacks/app';
import { oneService } from './helpers/org';
import { cleanUp, readTree, resourcesOfType, synth, tempDir } from './helpers/synth';
import { initAndValidate, terraform, withTerraform } from './helpers/terraform';

afterAll(cleanUp);

withTerraform.test('terraform init and validate pass on every AWS-only stack, with the mirrored provider, offline', () => {
  const { stacks } = synth(buildOrganisation);
  const aws = stacks.filter((s) => s.json.provider?.aws);
  expect(aws.map((s) => s.name)).toEqual(['bootstrap', 'production-aws', 'staging-aws']);
  for (const stack of aws) {
    const result = initAndValidate(stack.dir);
    expect({ stack: stack.name, valid: result.valid, errors: result.error_count, diagnostics: result.diagnostics }).toEqual({ stack: stack.name, valid: true, errors: 0, diagnostics: [] });
  }
});

describe('values reach Terraform as literals, never as interpolations', () => {
  const text = 'Costs ${var.price} and %{ if true }yes%{ endif }';

  test('a description with ${ and %{ is escaped in the synthesized JSON', () => {
    const { stacks } = synth((app) => oneService(app, { description: text }));
    const [repo] = resourcesOfType(stacks.find((s) => s.name === 'github')!.json, 'github_repository');
    expect(repo.description).toBe('Costs $${var.price} and %%{ if true }yes%%{ endif }');
  });

  withTerraform.test('Terraform itself reads the escaped value back as the original text', () => {
    const { stacks } = synth((app) => oneService(app, { description: text }));
    const [repo] = resourcesOfType(stacks.find((s) => s.name === 'github')!.json, 'github_repository');
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ locals: { value: repo.description } }));
    expect(terraform(dir, ['console'], 'local.value\n').trim()).toBe(JSON.stringify(text));
  });

  withTerraform.test('terraform console reads every user-supplied string of the example organisation (plus a hostile service) back literally', () => {
    const hostile = { description: text, links: { runbook: 'https://runbooks.acme.example/a?b=$x&c=%25y' } };
    const { stacks } = synth((app) => {
      const org = buildOrganisation(app);
      new HttpService(org, 'hostile', { owner: 'data', version: '1.0.0', ...hostile });
    });
    // Every string the synthesized resources hold that contains a value a user wrote in props or settings.
    const userValues = new Set<string>([text, hostile.links.runbook]);
    for (const stack of stacks) for (const service of Object.values<any>(stack.json['//']?.groundwork?.services ?? {})) {
      for (const v of [service.description, ...Object.values<string>(service.tags), ...Object.values<string>(service.links ?? {}), service.owner, service.costCenter]) if (typeof v === 'string' && v.length > 3) userValues.add(v);
    }
    const holders: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string') {
        // Strings that also hold a reference are the platform's templates; the user's part of them is checked by the rest.
        if (!/(^|[^$])\$\{/.test(v) && [...userValues].some((u) => v.includes(terraformLiteral(u)))) holders.push(v);
      } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== '//') walk(x);
    };
    for (const stack of stacks) walk(stack.json.resource);
    expect(holders.length).toBeGreaterThan(50);
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ locals: { values: holders } }));
    const output = terraform(dir, ['console'], 'jsonencode(local.values)\n');
    const read = JSON.parse(JSON.parse(output.trim().split('\n').at(-1)!));
    // Terraform's reading is the text with only the escapes undone: no expression was evaluated.
    expect(read).toEqual(holders.map((h) => h.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')));
    expect(read.filter((r: string) => r.includes(text)).length).toBeGreaterThan(0);
  });
});

test('synth is deterministic: two runs give byte-identical output', () => {
  const first = readTree(synth(buildOrganisation).outdir);
  const second = readTree(synth(buildOrganisation).outdir);
  expect(Object.keys(first).length).toBeGreaterThan(5);
  expect(second).toEqual(first);
});

test('a literal next to a reference: the text is escaped, the reference still resolves', () => {
  const { stacks } = synth((app) => oneService(app, { database: true, description: 'x' }));
  // The workload's env mixes a cross-stack reference (DATABASE_HOST) with literal values.
  const k8s = stacks.find((s) => s.name === 'staging-kubernetes')!.json;
  const [deployment] = resourcesOfType(k8s, 'kubernetes_deployment_v1');
  const env = Object.fromEntries(deployment.spec.template.spec.container[0].env.map((e: { name: string; value: string }) => [e.name, e.value]));
  expect(env.DATABASE_HOST).toMatch(/^\$\{data\.terraform_remote_state\./);
  const mixed = terraformLiteral(`\${var.x} at ${Token.asString({ ref: 1 })}`);
  expect(mixed.startsWith('$${var.x} at ${TfToken[')).toBe(true);
});
