import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { connectClient, data, refused } from './helpers/mcp';
import { cleanClone, projectCopy, repo } from './helpers/project';
import { cleanUp, readTree } from './helpers/synth';

/**
 * The MCP server's propose tools on a clean clone of the repository, scoped to team payments:
 * dry run, then confirm, lands as a branch; the clone's working tree is never written.
 */
let client: Client;
let clone: string;
let auditLog: string;
const git = (...args: string[]) => spawnSync('git', ['-C', clone, ...args], { encoding: 'utf8' }).stdout;
/** The working tree (without .git and the shared node_modules link), hashed. */
const treeHash = () => {
  const files = readTree(clone);
  const hash = createHash('sha256');
  for (const name of Object.keys(files).filter((f) => !f.startsWith('.git/') && !f.startsWith('node_modules')).sort()) hash.update(`${name}\0${files[name]}\0`);
  return hash.digest('hex');
};
const state = () => ({ tree: treeHash(), status: git('status', '--porcelain'), branches: git('branch', '--list'), worktrees: git('worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree ')) });
const proposalFolders = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`groundwork-proposal-${process.pid}-`)).sort();
let before: ReturnType<typeof state>;
let foldersBefore: string[];

beforeAll(async () => {
  clone = cleanClone();
  auditLog = path.join(clone, '..', 'audit.jsonl');
  client = await connectClient({ root: clone, outdir: path.join(clone, 'cdktf.out'), teams: ['payments'], auditLog });
  before = state();
  foldersBefore = proposalFolders();
});
afterAll(async () => {
  await client?.close();
  cleanUp();
});

const NEW_SERVICE = { name: 'payment-links', owner: 'payments', description: 'Shareable payment links', database: 'small', replicas: 2, tags: { 'data-classification': 'confidential' } };

test('a scoped server lists the propose tools: one per golden path, scale, rollback, confirm', async () => {
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name).slice(6)).toEqual(['propose_new_fine_tuning_job', 'propose_new_http_service', 'propose_new_knowledge_base', 'propose_new_scheduled_job', 'propose_new_static_site', 'propose_new_worker', 'propose_scale', 'propose_rollback', 'propose_add_data_store', 'confirm_proposal']);
  const store = tools.find((t) => t.name === 'propose_add_data_store')!;
  expect(store.inputSchema).toMatchObject({ required: ['service', 'store'], additionalProperties: false, properties: { store: { enum: ['database', 'queue', 'bucket'] }, size: { enum: ['small', 'medium', 'large'] } } });
  const http = tools.find((t) => t.name === 'propose_new_http_service')!;
  expect((http.outputSchema as any).properties.dryRun.required).toContain('analysis');
  expect(http.inputSchema.required).toEqual(['name', 'owner', 'description']);
  expect(Object.keys(http.inputSchema.properties!)).toEqual(expect.arrayContaining(['cost-center', 'tags', 'environments', 'version', 'cpu', 'memory', 'replicas', 'database', 'queue', 'bucket']));
  expect(http.annotations?.readOnlyHint).toBe(false);
});

describe('new service: dry run, then confirm', () => {
  let dryRun: any;
  let committed: any;
  beforeAll(async () => {
    dryRun = (await data(client, 'propose_new_http_service', NEW_SERVICE)).dryRun;
    committed = await data(client, 'confirm_proposal', { id: dryRun.id });
  });

  test('the dry run shows the diff of the two files and writes nothing', () => {
    expect(dryRun.files).toEqual(['stacks/services/index.ts', 'stacks/services/payment-links.ts']);
    // The same figures as npm run synth's cost-report.json, before and after the change.
    expect(dryRun.analysis).toEqual({ cost: { currency: 'USD', period: 'month', total: { beforeUsd: 2632.81, afterUsd: 2774.47, differenceUsd: 141.66 }, byService: [{ name: 'payment-links', team: 'payments', beforeUsd: 0, afterUsd: 141.66, differenceUsd: 141.66 }] }, guardrails: { passed: true, errors: [], newFindings: [], fixedFindings: [] }, resources: { added: 68, changed: 0, removed: 0 }, danger: [] });
    expect(dryRun.branch).toBe('new-service/payment-links');
    expect(dryRun.base).toBe(git('rev-parse', 'HEAD').trim());
    expect(dryRun.diff).toContain('+  return new HttpService(org, \'payment-links\', {\n');
  });

  test('confirming makes a branch with one commit holding exactly the files new-service writes', () => {
    expect(committed).toEqual({ branch: 'new-service/payment-links', commit: git('rev-parse', 'new-service/payment-links').trim(), files: dryRun.files, pushCommand: 'git push --set-upstream origin new-service/payment-links' });
    expect(git('rev-parse', `${committed.commit}^`).trim()).toBe(dryRun.base);
    expect(git('diff', '--name-only', dryRun.base, committed.commit).trim().split('\n')).toEqual(dryRun.files);
    // The same request through npm run new-service on a copy: the same bytes.
    const copy = projectCopy();
    const cli = spawnSync('node', [path.join(repo, 'dist/scripts/new-service.js'), '--root', copy, '--name', 'payment-links', '--golden-path', 'http-service', '--owner', 'payments', '--description', 'Shareable payment links', '--database', 'small', '--replicas', '2', '--tag', 'data-classification=confidential'], { encoding: 'utf8' });
    expect({ status: cli.status, stderr: cli.stderr }).toEqual({ status: 0, stderr: '' });
    for (const file of dryRun.files) expect(git('show', `${committed.commit}:${file}`)).toBe(fs.readFileSync(path.join(copy, file), 'utf8'));
  });

  test('the commit message carries the title and the audit record', () => {
    const message = git('log', '-1', '--format=%B', committed.commit);
    expect(message.split('\n')[0]).toBe('New service payment-links (http-service, owner payments)');
    expect(message).toContain('"client":{"name":"groundwork-test","version":"1.2.3"},"scope":["payments"],"tool":"confirm_proposal"');
  });

  test('an id confirms once', async () => {
    expect(await refused(client, 'confirm_proposal', { id: dryRun.id })).toBe(`No dry run has the id "${dryRun.id}" on this server (ids last until the server stops and confirm once); run the dry run again.`);
  });
});

test('scale: dry run and confirm in one environment, one line changed', async () => {
  const { dryRun } = await data(client, 'propose_scale', { service: 'checkout', replicas: 4, environment: 'production' });
  expect(dryRun.summary).toBe('checkout: minimum replicas in production 4 (was the service default)');
  expect(dryRun.diff.split('\n').filter((l: string) => /^[+-][^+-]/.test(l))).toEqual(['+    replicasIn: { production: 4 },']);
  // Two more pods of checkout in production: its Deployment and autoscaler change.
  expect(dryRun.analysis).toEqual({ cost: { currency: 'USD', period: 'month', total: { beforeUsd: 2632.81, afterUsd: 2650.83, differenceUsd: 18.02 }, byService: [{ name: 'checkout', team: 'payments', beforeUsd: 543.39, afterUsd: 561.41, differenceUsd: 18.02 }] }, guardrails: { passed: true, errors: [], newFindings: [], fixedFindings: [] }, resources: { added: 0, changed: 2, removed: 0 }, danger: [] });
  const committed = await data(client, 'confirm_proposal', { id: dryRun.id });
  expect(committed.branch).toBe('ops/scale-checkout-production-4');
  expect(git('show', `${committed.commit}:stacks/services/checkout.ts`)).toContain('    replicasIn: { production: 4 },\n');
});

test('add a data store: one prop written by ops\'s edit, its cost in the dry run, a branch on confirm', async () => {
  const { dryRun } = await data(client, 'propose_add_data_store', { service: 'ledger', store: 'queue' });
  expect(dryRun).toMatchObject({ title: 'Add a queue to ledger', branch: 'data-store/ledger-queue', files: ['stacks/services/ledger.ts'], summary: 'ledger: queue: true (an SQS queue with a dead-letter queue per environment)' });
  expect(dryRun.diff.split('\n').filter((l: string) => /^[+-][^+-]/.test(l))).toEqual(['+    queue: true,']);
  expect(dryRun.analysis).toEqual({ cost: { currency: 'USD', period: 'month', total: { beforeUsd: 2632.81, afterUsd: 2635.61, differenceUsd: 2.8 }, byService: [{ name: 'ledger', team: 'payments', beforeUsd: 954.15, afterUsd: 956.95, differenceUsd: 2.8 }] }, guardrails: { passed: true, errors: [], newFindings: [], fixedFindings: [] }, resources: { added: 12, changed: 5, removed: 0 }, danger: [] });
  const committed = await data(client, 'confirm_proposal', { id: dryRun.id });
  expect(committed.branch).toBe('data-store/ledger-queue');
  expect(git('diff', '--name-only', `${committed.commit}^`, committed.commit).trim()).toBe('stacks/services/ledger.ts');
});

test('a scale outside the golden path range is refused in one sentence', async () => {
  expect(await refused(client, 'propose_scale', { service: 'checkout', replicas: 500 })).toBe('--replicas "500" must be a whole number from 1 to 100 (the http-service golden path\'s limit).');
  expect(await refused(client, 'propose_scale', { service: 'checkout', replicas: 0 })).toBe('--replicas "0" must be a whole number from 1 to 100 (the http-service golden path\'s limit).');
});

test("actions on another team's service are refused in one sentence", async () => {
  expect(await refused(client, 'propose_scale', { service: 'recommendations', replicas: 3 })).toBe('Service recommendations belongs to team data, and this server may change services of payments only (GROUNDWORK_MCP_TEAM).');
  expect(await refused(client, 'propose_add_data_store', { service: 'recommendations', store: 'bucket' })).toBe('Service recommendations belongs to team data, and this server may change services of payments only (GROUNDWORK_MCP_TEAM).');
  expect(await refused(client, 'propose_rollback', { service: 'product-catalog' })).toBe('Service product-catalog belongs to team storefront, and this server may change services of payments only (GROUNDWORK_MCP_TEAM).');
  expect(await refused(client, 'propose_new_worker', { name: 'mailer', owner: 'platform', description: 'Sends e-mail' })).toBe(
    'The new service mailer belongs to team platform, and this server may change services of payments only (GROUNDWORK_MCP_TEAM).',
  );
});

describe('hostile arguments are refused in one sentence with nothing written', () => {
  const cases: Array<[string, string, Record<string, unknown>, string | RegExp]> = [
    ['shell metacharacters in a name', 'propose_new_http_service', { ...NEW_SERVICE, name: 'x; touch pwned $(id)' }, /^Cannot create the service; nothing was changed: --name "x; touch pwned \$\(id\)" must be lowercase letters, digits and hyphens, .*\.$/],
    ['../ in a name', 'propose_new_worker', { name: '../../etc/cron.d/x', owner: 'payments', description: 'x' }, /^Cannot create the service; nothing was changed: --name "\.\.\/\.\.\/etc\/cron\.d\/x" must be lowercase letters/],
    ['../ as a service to scale', 'propose_scale', { service: '../checkout', replicas: 2 }, 'Service "../checkout" is not a service name (lowercase letters, digits and hyphens).'],
    ['a 1 MB description', 'propose_new_http_service', { ...NEW_SERVICE, description: 'a'.repeat(1024 * 1024) }, 'propose_new_http_service: "description" is longer than 200 characters.'],
    ['an unknown field', 'propose_new_http_service', { ...NEW_SERVICE, 'max-replicas': 9 }, 'propose_new_http_service does not take "max-replicas"; it refuses unknown arguments.'],
    ['an unknown field in scale', 'propose_scale', { service: 'checkout', replicas: 2, force: true }, 'propose_scale does not take "force"; it refuses unknown arguments.'],
    ['a tag value that would be an expression', 'propose_new_http_service', { ...NEW_SERVICE, name: 'tagged', tags: { 'data-classification': '${file("/etc/passwd")}' } }, /^Cannot create the service; nothing was changed: .*data-classification.*\.$/],
    ['a replica count beyond any integer', 'propose_scale', { service: 'checkout', replicas: 1e300 }, 'propose_scale: "replicas" must be at most 9007199254740991.'],
    ['a fractional replica count', 'propose_scale', { service: 'checkout', replicas: 2.5 }, /^propose_scale: "replicas" .*\.$/],
    ['a store no golden path offers', 'propose_add_data_store', { service: 'checkout', store: 'redis' }, 'propose_add_data_store: "store" must be one of "database", "queue", "bucket".'],
    ['a store the service has', 'propose_add_data_store', { service: 'checkout', store: 'database', size: 'large' }, 'Service "checkout" already has a database (database in stacks/services/checkout.ts); change it by hand.'],
    ['a store its golden path does not offer', 'propose_add_data_store', { service: 'order-events', store: 'queue' }, 'Service "order-events" (worker) cannot be given a queue: its golden path offers database, bucket as options.'],
    ['a size for a bucket', 'propose_add_data_store', { service: 'checkout', store: 'bucket', size: 'small' }, 'A size applies to a database only, not to a bucket.'],
    ['a size with shell metacharacters', 'propose_add_data_store', { service: 'ledger-reconciliation', store: 'database', size: "small' }); process.exit(1); ({" }, 'propose_add_data_store: "size" must be one of "small", "medium", "large".'],
    ['../ as the service of a data store', 'propose_add_data_store', { service: '../../stacks/services/checkout', store: 'bucket' }, 'Service "../../stacks/services/checkout" is not a service name (lowercase letters, digits and hyphens).'],
    ['a 1 MB service name', 'propose_add_data_store', { service: 'x'.repeat(1024 * 1024), store: 'bucket' }, 'propose_add_data_store: "service" is longer than 200 characters.'],
    ['an unknown field in a data store', 'propose_add_data_store', { service: 'checkout', store: 'bucket', public: true }, 'propose_add_data_store does not take "public"; it refuses unknown arguments.'],
    ['a made-up id', 'confirm_proposal', { id: '$(reboot)' }, 'No dry run has the id "$(reboot)" on this server (ids last until the server stops and confirm once); run the dry run again.'],
  ];
  test.each(cases)('%s', async (_label, tool, args, expected) => {
    const before = { ...state(), branches: git('branch', '--list') };
    const sentence = await refused(client, tool, args);
    if (typeof expected === 'string') expect(sentence).toBe(expected);
    else expect(sentence).toMatch(expected);
    expect(sentence).not.toContain('\n');
    expect({ ...state(), branches: git('branch', '--list') }).toEqual(before);
  });
});

test("the clone's working tree, status and worktrees are as before; no temporary worktree is left", () => {
  const after = state();
  expect({ tree: after.tree, status: after.status, worktrees: after.worktrees }).toEqual({ tree: before.tree, status: before.status, worktrees: before.worktrees });
  expect(after.branches.split('\n').map((b) => b.trim()).filter(Boolean).sort()).toEqual([...before.branches.split('\n').map((b) => b.trim()).filter(Boolean), 'new-service/payment-links', 'ops/scale-checkout-production-4', 'data-store/ledger-queue'].sort());
  expect(proposalFolders()).toEqual(foldersBefore);
});

test('every call is in the audit log, in order, with its scope and result', () => {
  const lines = fs.readFileSync(auditLog, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  expect(lines.map((l) => `${l.tool} ${l.result.ok ? 'ok' : 'refused'}`)).toEqual([
    'propose_new_http_service ok',
    'confirm_proposal ok',
    'confirm_proposal refused',
    'propose_scale ok',
    'confirm_proposal ok',
    'propose_add_data_store ok',
    'confirm_proposal ok',
    'propose_scale refused',
    'propose_scale refused',
    'propose_scale refused',
    'propose_add_data_store refused',
    'propose_rollback refused',
    'propose_new_worker refused',
    ...['propose_new_http_service', 'propose_new_worker', 'propose_scale', 'propose_new_http_service', 'propose_new_http_service', 'propose_scale', 'propose_new_http_service', 'propose_scale', 'propose_scale'].map((t) => `${t} refused`),
    ...Array(8).fill('propose_add_data_store refused'),
    'confirm_proposal refused',
  ]);
  // A dry run's line carries its cost and guardrail result.
  expect(lines[3].result.summary).toMatch(/^dry run [0-9a-f]{16}: checkout: minimum replicas in production 4 \(was the service default\); \+18\.02 USD a month; guardrails pass$/);
  expect(lines.every((l) => JSON.stringify(l.scope) === '["payments"]' && l.client.name === 'groundwork-test')).toBe(true);
  const confirmed = lines.filter((l) => l.tool === 'confirm_proposal' && l.result.ok);
  expect(confirmed.map((l) => [l.branch, l.commit.length])).toEqual([
    ['new-service/payment-links', 40],
    ['ops/scale-checkout-production-4', 40],
    ['data-store/ledger-queue', 40],
  ]);
});
