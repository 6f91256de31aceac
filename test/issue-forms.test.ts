import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { isGroundworkError } from '../model/errors';
import { FormField, IssueForm, issueForms } from '../scripts/forms/form-fields';
import { ISSUE_TEMPLATE_DIR, issueFormYaml } from '../scripts/forms/form-yaml';
import { commitForm, dryRunOf, teamOf } from '../scripts/forms/form-proposal';
import { formRequest } from '../scripts/forms/form-request';
import { oneLine } from '../scripts/mcp/tool-spec';
import { loadSettings } from '../scripts/scaffold-service';
import { cleanClone, repo } from './helpers/project';
import { cleanUp } from './helpers/synth';

/**
 * The issue forms: generated from the golden paths (the committed files are what the generator
 * writes), held to GitHub's documented issue-form rules, and read back from the Markdown body
 * GitHub writes for a submitted form into the MCP propose tools' arguments, validated by the same
 * code as new-service and ops.
 */
afterAll(cleanUp);
const settings = loadSettings(repo);
const forms = issueForms(settings);
const form = (label: string) => forms.find((f) => f.label === label)!;

test('the committed forms are what npm run issue-forms writes, and nothing else is in .github/ISSUE_TEMPLATE', () => {
  const folder = path.join(repo, ISSUE_TEMPLATE_DIR);
  expect(fs.readdirSync(folder).sort()).toEqual(forms.map((f) => f.file).sort());
  for (const f of forms) expect({ file: f.file, text: fs.readFileSync(path.join(folder, f.file), 'utf8') }).toEqual({ file: f.file, text: issueFormYaml(f) });
});

describe("GitHub's documented issue-form syntax", () => {
  // docs.github.com: "Syntax for issue forms" and "Syntax for GitHub's form schema".
  const TOP_LEVEL = ['name', 'description', 'body', 'assignees', 'labels', 'title', 'type', 'projects'];
  const TYPES = ['markdown', 'textarea', 'input', 'dropdown', 'checkboxes'];
  test.each(forms.map((f) => f.file))('%s', (file) => {
    const document = yaml.load(fs.readFileSync(path.join(repo, ISSUE_TEMPLATE_DIR, file), 'utf8')) as any;
    expect(Object.keys(document).filter((k) => !TOP_LEVEL.includes(k))).toEqual([]);
    expect(typeof document.name).toBe('string');
    expect(document.name.length).toBeGreaterThan(0);
    expect(typeof document.description).toBe('string');
    expect(typeof document.title).toBe('string');
    expect(document.labels).toEqual([expect.stringMatching(/^[a-z-]+$/)]);
    expect(Array.isArray(document.body)).toBe(true);
    const fields = document.body.filter((e: any) => e.type !== 'markdown');
    expect(fields.length).toBeGreaterThan(0);
    for (const element of document.body) {
      expect(TYPES).toContain(element.type);
      expect(Object.keys(element).filter((k) => !['type', 'id', 'attributes', 'validations'].includes(k))).toEqual([]);
      if (element.type === 'markdown') {
        expect(element.id).toBeUndefined();
        expect(typeof element.attributes.value).toBe('string');
        continue;
      }
      expect(element.id).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(typeof element.attributes.label).toBe('string');
      expect(element.attributes.label.trim().length).toBeGreaterThan(0);
      if (element.validations !== undefined) expect(Object.keys(element.validations)).toEqual(['required']);
      if (element.validations !== undefined) expect(typeof element.validations.required).toBe('boolean');
      if (element.type === 'dropdown') {
        expect(element.attributes.options.length).toBeGreaterThan(0);
        expect(new Set(element.attributes.options).size).toBe(element.attributes.options.length);
        for (const option of element.attributes.options) expect(typeof option).toBe('string');
      }
      if (element.type === 'checkboxes') {
        const labels = element.attributes.options.map((o: any) => o.label);
        for (const label of labels) expect(typeof label).toBe('string');
        expect(new Set(labels).size).toBe(labels.length);
      }
    }
    const ids = fields.map((e: any) => e.id);
    const labels = fields.map((e: any) => e.attributes.label);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(labels).size).toBe(labels.length);
  });
});

/** The body GitHub writes for a submitted form, as its documentation shows it. */
function renderBody(f: IssueForm, values: Record<string, string | string[]>): string {
  const value = (field: FormField) => {
    const given = values[field.id];
    if (field.kind === 'checkboxes') return field.options!.map((label) => `- [${(given ?? []).includes(label) ? 'X' : ' '}] ${label}`).join('\n');
    return given === undefined || given === '' ? '_No response_' : String(given);
  };
  return f.fields.map((field) => `### ${field.label}\n\n${value(field)}`).join('\n\n');
}

const queue = form('new-service').fields.find((f) => f.id === 'switches')!.options!.find((o) => o.startsWith('queue:'))!;
const NEW_SERVICE = { 'golden-path': 'http-service', name: 'search-api', owner: 'storefront', tags: 'data-classification=public', description: 'Product search', replicas: '2', database: 'small', switches: [queue] };
const SCALE = { service: 'checkout', replicas: '4', environment: 'production' };
const DATA_STORE = { service: 'checkout', store: 'bucket', size: '' };

describe('the parser reads what GitHub writes into the propose tools\' arguments', () => {
  test('new service: every field in order, empty ones as _No response_, ticked checkboxes as flags', () => {
    const body = renderBody(form('new-service'), NEW_SERVICE);
    expect(body).toContain('### Service name\n\nsearch-api\n\n### Owning team\n\nstorefront\n\n### Cost center\n\n_No response_\n\n');
    expect(formRequest(settings, ['new-service'], body)).toEqual({
      form: form('new-service'),
      tool: 'propose_new_http_service',
      args: { name: 'search-api', owner: 'storefront', tags: { 'data-classification': 'public' }, description: 'Product search', replicas: 2, database: 'small', queue: true },
    });
  });

  test('new service: a body saved with Windows line endings reads the same', () => {
    expect(formRequest(settings, ['new-service'], renderBody(form('new-service'), NEW_SERVICE).replace(/\n/g, '\r\n')).args).toMatchObject({ name: 'search-api', queue: true });
  });

  test('scale: service, replicas as a number, one environment or every one', () => {
    expect(formRequest(settings, ['scale', 'triage'], renderBody(form('scale'), SCALE))).toEqual({ form: form('scale'), tool: 'propose_scale', args: { service: 'checkout', replicas: 4, environment: 'production' } });
    expect(formRequest(settings, ['scale'], renderBody(form('scale'), { ...SCALE, environment: '' })).args).toEqual({ service: 'checkout', replicas: 4 });
  });

  test('add a data store: service, store, and a size only when given', () => {
    expect(renderBody(form('data-store'), DATA_STORE)).toBe('### Service\n\ncheckout\n\n### Data store\n\nbucket\n\n### Database size\n\n_No response_');
    expect(formRequest(settings, ['data-store'], renderBody(form('data-store'), DATA_STORE))).toEqual({ form: form('data-store'), tool: 'propose_add_data_store', args: { service: 'checkout', store: 'bucket' } });
    expect(formRequest(settings, ['data-store'], renderBody(form('data-store'), { service: 'ledger-reconciliation', store: 'database', size: 'large' })).args).toEqual({ service: 'ledger-reconciliation', store: 'database', size: 'large' });
  });
});

/** The one sentence a request is refused with, through the parser and then the tool's dry run on a clean clone. */
let clone: string;
beforeAll(() => {
  clone = cleanClone();
});
const git = (...args: string[]) => spawnSync('git', ['-C', clone, ...args], { encoding: 'utf8' }).stdout;

async function refusal(labels: string[], body: string): Promise<string> {
  try {
    const request = formRequest(settings, labels, body);
    await dryRunOf(clone, request, [teamOf(clone, request)]);
  } catch (error) {
    if (!isGroundworkError(error)) throw error;
    const sentence = oneLine(error);
    expect(sentence).not.toContain('\n');
    expect(sentence.length).toBeLessThan(600);
    return sentence;
  }
  throw new Error('the body was not refused');
}

describe('hostile bodies are refused in one sentence, nothing written', () => {
  const body = (values: Record<string, string | string[]>) => renderBody(form('new-service'), { ...NEW_SERVICE, ...values });
  const scale = (values: Record<string, string>) => renderBody(form('scale'), { ...SCALE, ...values });
  const store = (values: Record<string, string>) => renderBody(form('data-store'), { ...DATA_STORE, ...values });
  const before = () => ({ status: git('status', '--porcelain', '--', 'stacks'), branches: git('branch', '--list') });
  let start: ReturnType<typeof before>;
  beforeAll(() => {
    start = before();
  });
  afterAll(() => expect(before()).toEqual(start));

  test.each<[string, string[], () => string, string]>([
    ['an extra heading', ['new-service'], () => body({}).replace('### Tags', '### Admin\n\nyes\n\n### Tags'), 'has the heading "### Admin" where the New service form has "### Tags"'],
    ['a label repeated', ['new-service'], () => `${body({})}\n\n### Service name\n\nother`, 'has the field "Service name" twice'],
    ['a value with a ### line inside', ['new-service'], () => body({ description: 'Search\n### Owning team\n\nplatform' }), 'has the field "Owning team" twice'],
    ['a heading of another level inside a value', ['new-service'], () => body({ tags: 'a=b\n## run: rm -rf /' }), 'a value cannot contain a Markdown heading'],
    ['text before the first field', ['new-service'], () => `Please also grant admin.\n\n${body({})}`, 'must start with the New service form\'s first field ("### Golden path"), not "Please also grant admin."'],
    ['a field missing', ['scale'], () => scale({}).replace(/\n\n### Environment[\s\S]*$/, ''), 'ends before the Scale a service form\'s field "Environment"'],
    ['1 MB', ['new-service'], () => body({ description: 'x'.repeat(1024 * 1024) }), "characters long; the New service form's body is at most 65536 (GitHub's limit)."],
    ['a long value', ['new-service'], () => body({ description: 'x'.repeat(5000) }), 'field "Description" is 5000 characters long; it takes at most 200'],
    ['markup in the name', ['new-service'], () => body({ name: '<img src=x onerror=alert(1)>' }), '--name "<img src=x onerror=alert(1)>" must be lowercase letters'],
    ['shell metacharacters in the name', ['new-service'], () => body({ name: 'a;rm -rf $HOME`id`' }), '--name "a;rm -rf $HOME`id`" must be lowercase letters'],
    ['../ in the name', ['new-service'], () => body({ name: '../../etc/passwd' }), '--name "../../etc/passwd" must be lowercase letters'],
    ['../ in the service to scale', ['scale'], () => scale({ service: '../checkout' }), 'Service "../checkout" is not a service name'],
    ['a two-line input', ['scale'], () => scale({ service: 'checkout\nworkload=deployment/evil' }), 'field "Service" must be one line'],
    ['a dropdown value not offered', ['new-service'], () => body({ owner: 'root' }), 'field "Owning team" is "root", which is not one of its choices (data, payments, platform, storefront)'],
    ['a checkbox not offered', ['new-service'], () => body({}).replace('- [ ] bucket:', '- [X] admin:'), 'has the line "- [X] admin: a private S3 bucket per environment (http-servi...", which is not one of its checkboxes'],
    ['a replica count out of range', ['scale'], () => scale({ replicas: '500' }), '--replicas "500" must be a whole number from 1 to 100'],
    ['a replica count that is not a number', ['scale'], () => scale({ replicas: '4; reboot' }), 'field "Minimum replicas" must be a whole number, not "4; reboot"'],
    ['a field of another golden path', ['new-service'], () => body({ 'price-class': 'PriceClass_All' }), 'field "Price class" does not apply to golden path http-service (only to static-site)'],
    ['a required field empty', ['new-service'], () => body({ description: '' }), 'field "Description" is required'],
    ['a tag line without =', ['new-service'], () => body({ tags: 'data-classification' }), 'field "Tags" has the line "data-classification"; each line must be key=value'],
    ['an unknown tag value', ['new-service'], () => body({ tags: 'data-classification=$(id)' }), 'data-classification'],
    ['two form labels', ['new-service', 'scale'], () => body({}), 'must carry exactly one of the labels new-service, scale, data-store (it has new-service and scale)'],
    ['a taken name', ['new-service'], () => body({ name: 'checkout' }), '--name "checkout" is taken'],
    ['a store no dropdown offers', ['data-store'], () => store({ store: 'redis; rm -rf /' }), 'field "Data store" is "redis; rm -rf /", which is not one of its choices (database, queue, bucket)'],
    ['a store the service has', ['data-store'], () => store({ store: 'database' }), 'Service "checkout" already has a database (database in stacks/services/checkout.ts); change it by hand.'],
    ['a store its golden path does not offer', ['data-store'], () => store({ service: 'order-events', store: 'queue' }), 'Service "order-events" (worker) cannot be given a queue: its golden path offers database, bucket as options.'],
    ['a size for a bucket', ['data-store'], () => store({ size: 'large' }), 'A size applies to a database only, not to a bucket.'],
    ['../ as the service', ['data-store'], () => store({ service: '../../etc/passwd' }), 'Service "../../etc/passwd" is not a service name'],
    ['1 MB as the service', ['data-store'], () => store({ service: 'x'.repeat(1024 * 1024) }), "the Add a data store form's body is at most 65536"],
  ])('%s', async (_what, labels, make, expected) => {
    expect(await refusal(labels, make())).toContain(expected);
  });
});

describe('commit: the change lands on a branch of the clone, by the MCP confirm path', () => {
  test('new service: a branch with exactly the two files new-service writes, the request in the commit message', async () => {
    const request = formRequest(settings, ['new-service'], renderBody(form('new-service'), NEW_SERVICE));
    const committed = await commitForm(clone, request, 'storefront', { issue: 42, author: 'octocat' });
    expect(committed).toMatchObject({ branch: 'form/issue-42', title: 'New service search-api (http-service, owner storefront)', files: ['stacks/services/index.ts', 'stacks/services/search-api.ts'] });
    expect(git('log', '-1', '--format=%B', committed.branch)).toContain('Requested by @octocat in issue #42 (the New service issue form).\n\nGroundwork-Issue-Form: 42\n');
    expect(git('show', `${committed.branch}:stacks/services/search-api.ts`)).toContain("    tags: { 'data-classification': 'public' },");
    expect(git('status', '--porcelain', '--', 'stacks')).toBe('');
  });

  test('scale: a one-line change of the service file; another team is refused by the MCP scope check', async () => {
    const request = formRequest(settings, ['scale'], renderBody(form('scale'), SCALE));
    expect(teamOf(clone, request)).toBe('payments');
    await expect(commitForm(clone, request, 'storefront', { issue: 43, author: 'mallory' })).rejects.toThrow('Service checkout belongs to team payments, and this server may change services of storefront only');
    const committed = await commitForm(clone, request, 'payments', { issue: 43, author: 'octocat' });
    expect(committed).toMatchObject({ branch: 'form/issue-43', files: ['stacks/services/checkout.ts'] });
  });
});

test('add a data store: the prop written into the service file by ops\'s edit, on the issue\'s branch', async () => {
  const request = formRequest(settings, ['data-store'], renderBody(form('data-store'), { service: 'ledger-reconciliation', store: 'database', size: 'medium' }));
  expect(teamOf(clone, request)).toBe('payments');
  const committed = await commitForm(clone, request, 'payments', { issue: 46, author: 'octocat' });
  expect(committed).toMatchObject({ branch: 'form/issue-46', title: 'Add a database to ledger-reconciliation', files: ['stacks/services/ledger-reconciliation.ts'] });
  const diff = git('diff', `${committed.branch}^`, committed.branch).split('\n').filter((l) => /^[+-][^+-]/.test(l));
  expect(diff).toEqual(["+    database: { size: 'medium' },"]);
});

describe('npm run form-action, as the workflow runs it', () => {
  const run = (args: string[], body: string) => {
    const reply = path.join(clone, '..', `reply-${args[0]}`);
    const result = spawnSync('node', [path.join(repo, 'dist/scripts/form-action.js'), ...args, '--reply', reply], { cwd: clone, encoding: 'utf8', env: { ...process.env, ISSUE_BODY: body } });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, reply: fs.existsSync(reply) ? fs.readFileSync(reply, 'utf8') : '' };
  };

  test('check prints the form and the team for $GITHUB_OUTPUT', () => {
    expect(run(['check', '--labels', 'scale', '--issue', '45', '--author', 'octocat'], renderBody(form('scale'), { ...SCALE, replicas: '5' }))).toEqual({ status: 0, stdout: 'form=scale\nteam=payments\n', stderr: '', reply: '' });
  });

  test('a refusal is one sentence on stderr and in the reply file, and no output for the next steps', () => {
    const refused = run(['check', '--labels', 'scale', '--issue', '45', '--author', 'octocat'], renderBody(form('scale'), { ...SCALE, service: 'nope' }));
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.reply).toMatch(/^Service "nope" does not exist: no file in stacks\/services declares it \(known: [a-z, -]+\)\.\n$/);
    expect(refused.stderr).toBe(`${refused.reply}Nothing was written.\n`);
  });

  test('commit prints the branch and the title', () => {
    const done = run(['commit', '--labels', 'scale', '--team', 'payments', '--issue', '44', '--author', 'octocat'], renderBody(form('scale'), { ...SCALE, replicas: '6', environment: 'staging' }));
    expect(done).toEqual({ status: 0, stdout: 'branch=form/issue-44\ntitle=Scale checkout to 6 replicas in staging\n', stderr: '', reply: '' });
  });

  test.each([
    ['a login with shell metacharacters', ['check', '--labels', 'scale', '--issue', '45', '--author', 'x;reboot'], '--author must be a GitHub login, not "x;reboot".'],
    ['an issue that is not a number', ['check', '--labels', 'scale', '--issue', '../7', '--author', 'octocat'], '--issue must be the issue\'s number, not "../7".'],
    ['a mode that does not exist', ['deploy', '--issue', '45'], 'form-action takes check, commit or push, not "deploy".'],
    ['a push without a remote', ['push', '--issue', '45'], 'form-action push needs the remote to push to in FORM_REMOTE.'],
  ])('%s: one sentence, exit 1', (_what, args, sentence) => {
    expect(run(args, renderBody(form('scale'), SCALE))).toEqual({ status: 1, stdout: '', stderr: `${sentence}\nNothing was written.\n`, reply: `${sentence}\n` });
  });

  test("every check and commit is a line of the MCP server's audit log: the author, the form, the arguments, the outcome", () => {
    const lines = fs.readFileSync(path.join(clone, '.groundwork', 'audit.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    const shape = lines.map(({ time, ...rest }) => {
      expect(new Date(time).toISOString()).toBe(time);
      return rest;
    });
    expect(shape.slice(0, 3)).toEqual([
      { client: null, via: { issueForm: 'scale.yml', issue: '45', author: 'octocat', mode: 'check' }, scope: ['payments'], tool: 'propose_scale', arguments: { service: 'checkout', replicas: 5, environment: 'production' }, result: { ok: true, summary: 'form=scale, team=payments' } },
      {
        client: null,
        via: { issueForm: 'scale.yml', issue: '45', author: 'octocat', mode: 'check' },
        scope: [],
        tool: 'propose_scale',
        arguments: { service: 'nope', replicas: 4, environment: 'production' },
        result: { ok: false, summary: expect.stringMatching(/^Service "nope" does not exist/) },
      },
      {
        client: null,
        via: { issueForm: 'scale.yml', issue: '44', author: 'octocat', mode: 'commit' },
        scope: ['payments'],
        tool: 'confirm_proposal',
        arguments: { service: 'checkout', replicas: 6, environment: 'staging' },
        result: { ok: true, summary: 'branch=form/issue-44, title=Scale checkout to 6 replicas in staging' },
        branch: 'form/issue-44',
        commit: git('rev-parse', 'form/issue-44').trim(),
      },
    ]);
    // Refused before the form was read: its labels and the body's length, never the body.
    expect(shape[3]).toEqual({ client: null, via: { issueForm: null, issue: '45', author: 'x;reboot', mode: 'check' }, scope: [], tool: 'issue-form', arguments: { labels: 'scale', body: `<${renderBody(form('scale'), SCALE).length} characters, not recorded>` }, result: { ok: false, summary: '--author must be a GitHub login, not "x;reboot".' } });
    expect(shape.map((l) => l.via.mode)).toEqual(['check', 'check', 'commit', 'check', 'check', 'deploy', 'push']);
    expect(shape[6]).toEqual({ client: null, via: { issueForm: null, issue: '45', author: null, mode: 'push' }, scope: [], tool: 'push_form_branch', arguments: {}, result: { ok: false, summary: 'form-action push needs the remote to push to in FORM_REMOTE.' } });
  });
});
