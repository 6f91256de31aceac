import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { repo } from './helpers/project';
import { tempDir, cleanUp } from './helpers/synth';

/**
 * The workflows' github-script bodies and small scripts, run for real: the scripts against a fake
 * `github` object that records every call, the commands as the workflows call them.
 */
afterAll(cleanUp);

type Call = [string, Record<string, any>];

/** A fake of the parts of github-script's `github` the scripts use; `existing` are the listed items. */
function fakeGithub(existing: Array<Record<string, any>> = []) {
  const calls: Call[] = [];
  const record = (name: string) => async (args: Record<string, any>) => {
    calls.push([name, args]);
    return { data: {} };
  };
  const github = {
    paginate: async (method: (args: any) => Promise<any>, args: Record<string, any>) => {
      await method(args);
      return existing;
    },
    rest: { issues: { listForRepo: record('listForRepo'), listComments: record('listComments'), create: record('create'), update: record('update'), createComment: record('createComment'), updateComment: record('updateComment') } },
  };
  return { github, calls };
}

const context = { repo: { owner: 'acme-corp', repo: 'groundwork' }, payload: { pull_request: { number: 7 } } };

describe('.github/scripts/drift-issues.js', () => {
  const report = require(path.join(repo, '.github/scripts/drift-issues.js'));

  function driftFolder(files: Record<string, string>): { folder: string; catalog: string } {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'drift'));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'drift', name), text);
    const catalog = path.join(dir, 'catalog.json');
    fs.writeFileSync(catalog, JSON.stringify({ entities: [{ owner: 'payments', terraform: [{ stack: 'staging-aws', address: 'aws_db_instance.checkout' }] }] }));
    return { folder: path.join(dir, 'drift'), catalog };
  }
  const plan = JSON.stringify({ resource_changes: [{ address: 'aws_db_instance.checkout', change: { actions: ['update'] } }, { address: 'aws_sqs_queue.q', change: { actions: ['no-op'] } }] });

  test('a drifted stack: a new issue labelled drift naming the resource and its owner; the job stays green', async () => {
    const { github, calls } = fakeGithub();
    const failures: string[] = [];
    const result = await report({ github, context, core: { setFailed: (m: string) => failures.push(m) }, ...driftFolder({ 'staging-aws.json': plan }) });
    expect(result).toEqual({ drifted: ['staging-aws'], failed: [] });
    expect(calls.map(([name]) => name)).toEqual(['listForRepo', 'create']);
    expect(calls[1][1]).toMatchObject({ owner: 'acme-corp', repo: 'groundwork', title: 'Drift in stack staging-aws', labels: ['drift'] });
    expect(calls[1][1].body).toBe('<!-- groundwork-drift: staging-aws -->\nThe nightly plan of **staging-aws** differs from the code:\n\n- `aws_db_instance.checkout` (update), owner: payments');
    expect(failures).toEqual([]);
  });

  test('a failed plan: its stack\'s open issue is updated with terraform\'s error (fenced), and the job fails', async () => {
    const { github, calls } = fakeGithub([{ number: 12, title: 'Drift in stack production-aws', body: '<!-- groundwork-drift: production-aws -->\nold' }]);
    const failures: string[] = [];
    const error = 'Error: error acquiring the state lock\n~~~~~ not a fence\n';
    const result = await report({ github, context, core: { setFailed: (m: string) => failures.push(m) }, ...driftFolder({ 'production-aws.failed': error }) });
    expect(result).toEqual({ drifted: [], failed: ['production-aws'] });
    expect(calls.map(([name]) => name)).toEqual(['listForRepo', 'update']);
    expect(calls[1][1]).toMatchObject({ issue_number: 12, title: 'Drift check failed for stack production-aws' });
    expect(calls[1][1].body).toBe('<!-- groundwork-drift: production-aws -->\nThe nightly plan of **production-aws** failed, so drift was not checked:\n\n~~~~~~\nError: error acquiring the state lock\n~~~~~ not a fence\n~~~~~~');
    expect(failures).toEqual(['The drift plan of production-aws failed; see the issue labelled drift.']);
  });

  test('an empty error and no catalog still make an issue; nothing to report calls nothing', async () => {
    const { github, calls } = fakeGithub();
    const failures: string[] = [];
    const folders = driftFolder({ 'github.failed': '' });
    await report({ github, context, core: { setFailed: (m: string) => failures.push(m) }, folder: folders.folder, catalog: '/nonexistent/catalog.json' });
    expect(calls[1][1].body).toContain('terraform failed without a message');
    expect(failures).toHaveLength(1);
    const quiet = fakeGithub();
    await report({ github: quiet.github, context, core: { setFailed: () => undefined }, ...driftFolder({}) });
    expect(quiet.calls).toEqual([]);
  });
});

describe('.github/scripts/pr-comment.js', () => {
  const comment = require(path.join(repo, '.github/scripts/pr-comment.js'));
  const file = () => {
    const f = path.join(tempDir(), 'pr-report.md');
    fs.writeFileSync(f, '<!-- groundwork-pr-report -->\nreport');
    return f;
  };

  test('updates only the comment github-actions[bot] wrote, not another author\'s or another Bot\'s with the marker', async () => {
    const { github, calls } = fakeGithub([
      { id: 1, user: { login: 'mallory', type: 'User' }, body: '<!-- groundwork-pr-report -->\nfake' },
      { id: 2, user: { login: 'some-app[bot]', type: 'Bot' }, body: '<!-- groundwork-pr-report -->\nfake' },
      { id: 3, user: { login: 'github-actions[bot]', type: 'Bot' }, body: '<!-- groundwork-pr-report -->\nold' },
    ]);
    expect(await comment({ github, context, file: file() })).toBe('updated');
    expect(calls[1]).toEqual(['updateComment', { owner: 'acme-corp', repo: 'groundwork', comment_id: 3, body: '<!-- groundwork-pr-report -->\nreport' }]);
  });

  test('creates the comment when the bot has none yet', async () => {
    const { github, calls } = fakeGithub([{ id: 1, user: { login: 'mallory' }, body: '<!-- groundwork-pr-report -->\nfake' }, { id: 4, user: null, body: null }]);
    expect(await comment({ github, context, file: file() })).toBe('created');
    expect(calls[1]).toEqual(['createComment', { owner: 'acme-corp', repo: 'groundwork', issue_number: 7, body: '<!-- groundwork-pr-report -->\nreport' }]);
  });
});

const node = (script: string, ...args: string[]) => spawnSync('node', [path.join(repo, 'dist/scripts', script), ...args], { encoding: 'utf8', cwd: repo });

describe('npm run check-remote-state (deploy refuses local state)', () => {
  function output(stacks: Record<string, unknown>): string {
    const dir = tempDir();
    for (const [name, json] of Object.entries(stacks)) {
      fs.mkdirSync(path.join(dir, 'stacks', name), { recursive: true });
      fs.writeFileSync(path.join(dir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(json));
    }
    return dir;
  }
  const dir = output({
    s3: { terraform: { backend: { s3: { bucket: 'b', key: 'k', region: 'us-east-1' } } } },
    cloud: { terraform: { cloud: { organization: 'acme', workspaces: { name: 'w' } } } },
    local: { terraform: { backend: { local: { path: 'x.tfstate' } } } },
    none: { terraform: { required_providers: {} } },
    broken: [],
  });

  test('remote backends pass', () => {
    expect(node('check-remote-state.js', '--dir', dir, 's3', 'cloud')).toMatchObject({ status: 0, stdout: 'Remote state: s3, cloud.\n' });
  });

  test('local, missing or unreadable backends and unknown stacks are refused, one sentence each', () => {
    const result = node('check-remote-state.js', '--dir', dir, 's3', 'local', 'none', 'broken', '../s3');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      [
        'Refusing to deploy on local state:',
        `  - Stack local keeps its state in a local file (terraform.backend.local) (${dir}/stacks/local/cdk.tf.json): a runner's files are gone after the job; set state.backend to "s3" in the organisation settings and apply the bootstrap stack.`,
        `  - Stack none declares no backend, so Terraform keeps its state in a local file (${dir}/stacks/none/cdk.tf.json): a runner's files are gone after the job; set state.backend to "s3" in the organisation settings and apply the bootstrap stack.`,
        `  - Stack broken declares no backend, so Terraform keeps its state in a local file (${dir}/stacks/broken/cdk.tf.json): a runner's files are gone after the job; set state.backend to "s3" in the organisation settings and apply the bootstrap stack.`,
        `  - Stack "../s3" is not in ${dir}/stacks: run npm run synth first, or name a synthesized stack.`,
        'Nothing was written.',
        '',
      ].join('\n'),
    );
  });
});

describe('npm run pipeline (what the workflows read from the settings)', () => {
  test('region, cluster, kubeconfig context, the three role ARNs the bootstrap stack creates, the stacks', () => {
    expect(node('pipeline.js', 'production')).toMatchObject({
      status: 0,
      stdout: [
        'region=eu-west-1',
        'cluster=acme-production',
        'context=acme-production',
        'plan-role=arn:aws:iam::222222222222:role/acme-production-ci-plan',
        'drift-role=arn:aws:iam::222222222222:role/acme-production-ci-drift',
        'deploy-role=arn:aws:iam::222222222222:role/acme-production-ci-deploy',
        'stacks=production-aws production-kubernetes',
        '',
      ].join('\n'),
    });
  });

  test('an unknown environment: one sentence, nothing printed for $GITHUB_OUTPUT', () => {
    const result = node('pipeline.js', 'qa\nplan-role=arn:aws:iam::999999999999:role/evil');
    expect(result).toMatchObject({ status: 1, stdout: '' });
    expect(result.stderr).toContain('is not one of production, staging (the organisation settings).');
  });
});
