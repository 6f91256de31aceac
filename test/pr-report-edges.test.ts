import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { escapeMarkdown, GITHUB_COMMENT_LIMIT, renderMarkdown } from '../catalog/pr-report/markdown';
import type { PrReport } from '../catalog/pr-report/report-model';
import { cleanClone, repo } from './helpers/project';
import { cleanUp, tempDir } from './helpers/synth';
import { mirror, withTerraform } from './helpers/terraform';

afterAll(cleanUp);

const node = (script: string, args: string[], cwd = repo) =>
  spawnSync('node', [path.join(repo, 'dist/scripts', script), ...args], { cwd, encoding: 'utf8', env: { ...process.env, GROUNDWORK_TF_MIRROR: mirror ?? '' } });

describe('the comment stays within GitHub limit, cutting details only', () => {
  const zero = { old: 0, new: 0, difference: 0, percent: null };
  const report: PrReport = {
    summary: { danger: 40, servicesAdded: 0, servicesRemoved: 0, servicesChanged: 0, resourcesAdded: 6000, resourcesRemoved: 0, resourcesChanged: 0, monthlyUsd: zero, newFindings: 0, fixedFindings: 0, guardrailErrors: 0, suppressionsChanged: 0 },
    danger: Array.from({ length: 40 }, (_, i) => ({ stack: 'staging-aws', address: `aws_db_instance.db_${i}`, service: `svc-${i}`, reason: 'database deleted: its data is lost' })),
    services: [],
    ownership: [],
    resources: Array.from({ length: 6000 }, (_, i) => ({ stack: `stack-${i % 3}`, address: `aws_sqs_queue.a_rather_long_resource_name_for_queue_number_${i}`, change: 'added' as const })),
    cost: { byService: [], byTeam: [], byCostCenter: [], total: zero },
    findings: { new: [], fixed: [] },
    scorecards: [],
    guardrailErrors: [],
    suppressions: [],
  };
  const markdown = renderMarkdown(report);

  test('bounded, with every danger line and the summary, and a note on what was left out', () => {
    expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    for (let i = 0; i < 40; i++) expect(markdown).toContain(`aws\\_db\\_instance.db\\_${i} (service svc-${i})`);
    expect(markdown).toContain('| resources | 6000 added, 0 removed, 0 changed |');
    expect(markdown).toMatch(/_\d+ detail lines left out to stay within GitHub's 65,536-character comment limit; pr-report.json has everything._\n$/);
    // Every opened block is closed.
    expect(markdown.split('<details>').length).toBe(markdown.split('</details>').length);
  });

  test('text from Terraform cannot inject markup, links or mentions', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)> @everyone | [x](http://evil) `${var}`\nnext')).toBe(
      '&lt;img src=x onerror=alert\\(1\\)&gt; &#64;everyone \\| \\[x\\]\\(http&#58;/&#47;evil\\) \\`\\$\\{var\\}\\` next',
    );
  });
});

describe('npm run plan: a failing stack does not hide the others', () => {
  /** A hand-made output of three small stacks: one that plans, one terraform rejects, one reading the rejected one. */
  function output(): string {
    const dir = tempDir();
    const provider = { aws: [{ region: 'us-east-1', allowed_account_ids: ['111111111111'] }] };
    const terraform = { required_providers: { aws: { source: 'aws', version: '5.100.0' } } };
    const stacks: Record<string, unknown> = {
      good: { terraform, provider, resource: { aws_sqs_queue: { jobs: { name: 'jobs' } } } },
      broken: { terraform, provider, resource: { aws_sqs_queue: { jobs: { name: 'jobs', no_such_argument: true } } } },
      reader: { terraform, provider, resource: { aws_sqs_queue: { other: { name: 'other' } } } },
    };
    const manifest: Record<string, unknown> = {};
    for (const [name, json] of Object.entries(stacks)) {
      fs.mkdirSync(path.join(dir, 'stacks', name), { recursive: true });
      fs.writeFileSync(path.join(dir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(json));
      manifest[name] = { name, dependencies: name === 'reader' ? ['broken'] : [], synthesizedStackPath: `stacks/${name}/cdk.tf.json`, workingDirectory: `stacks/${name}` };
    }
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ stacks: manifest }));
    return dir;
  }

  withTerraform.test('failed with terraform first error line; the dependent stack not planned; the good plan written', () => {
    const dir = output();
    const result = node('plan.js', ['--offline', '--dir', dir]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('The plan of broken failed; the other plans were written.');
    const status = JSON.parse(fs.readFileSync(path.join(dir, 'plans', 'plan-status.json'), 'utf8'));
    expect(status.stacks.good).toEqual({ status: 'planned', against: 'empty-state' });
    expect(status.stacks.broken.status).toBe('failed');
    expect(status.stacks.broken.reason).toMatch(/^terraform plan: Error: Extraneous JSON object property on cdk.tf.json/);
    expect(status.stacks.reader).toEqual({ status: 'not-planned', reason: 'it reads the outputs of stack broken, whose plan failed' });
    const plan = JSON.parse(fs.readFileSync(path.join(dir, 'plans', 'good.json'), 'utf8'));
    expect(plan.resource_changes.map((c: any) => [c.address, c.change.actions])).toEqual([['aws_sqs_queue.jobs', ['create']]]);
    // What was synthesized is unchanged: no override left behind, allowed_account_ids kept.
    expect(fs.readdirSync(path.join(dir, 'stacks', 'good')).filter((f) => f.endsWith('.tf.json'))).toEqual(['cdk.tf.json']);
  });

  test.each([
    [['--dir', '/nonexistent'], '/nonexistent is not a synthesized output: it has no manifest.json'],
    [['--dir', 'OUTPUT', 'no-such-stack'], 'Stack "no-such-stack" is not in'],
    [['--dir', 'OUTPUT', '--base', 'OUTPUT'], '--base is for offline plans (--offline): a plan with credentials reads the real state.'],
    [['--offline', '--dir', 'OUTPUT', '--base', '/nonexistent'], 'The base /nonexistent has no plans/plan-status.json: plan it first (npm run plan -- --offline --dir /nonexistent).'],
  ])('bad input %j: one sentence, exit 1, nothing written', (args, expected) => {
    const dir = output();
    const result = node('plan.js', args.map((a) => (a === 'OUTPUT' ? dir : a)));
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 1, stderr: expect.stringContaining(expected) });
    expect(fs.existsSync(path.join(dir, 'plans'))).toBe(false);
  });
});

describe('npm run review from a clean clone', () => {
  let clone: string;
  beforeAll(() => {
    clone = cleanClone();
  });
  const worktrees = () => spawnSync('git', ['worktree', 'list'], { cwd: clone, encoding: 'utf8' }).stdout.trim().split('\n').length;

  test('a git ref that does not exist: one sentence, exit 1, nothing written, no worktree left', () => {
    const result = node('review.js', ['--base', 'no-such-ref'], clone);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 1, stderr: 'The git ref "no-such-ref" does not exist in this repository: pass a branch, tag or commit (--base).\nNothing was written.\n' });
    expect(fs.existsSync(path.join(clone, 'pr-report'))).toBe(false);
    expect(worktrees()).toBe(1);
  });

  test('synthesizes the base in a temporary worktree and the working tree, prints the report, cleans up', () => {
    const file = path.join(clone, 'stacks/services/order-events.ts');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace("    messagesPerReplica: 50,\n", "    messagesPerReplica: 50,\n    database: { size: 'small' },\n"));
    const result = node('review.js', ['--base', 'HEAD'], clone);
    expect({ status: result.status, stderr: result.stderr.split('\n').filter((l) => !/^(Synthesizing|Report:)/.test(l)).join('') }).toEqual({ status: 0, stderr: '' });
    expect(result.stdout).toMatch(/\| order-events \| payments \| CC-2001 \| \$[\d.,]+ \| \$[\d.,]+ \| \+\$/);
    expect(result.stdout).toContain('No danger lines');
    expect(fs.existsSync(path.join(clone, 'pr-report', 'pr-report.md'))).toBe(true);
    expect(worktrees()).toBe(1);
  });
});
