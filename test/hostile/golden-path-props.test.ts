/**
 * The hostile corpus of the cdktf side (issue 12): every value a user writes in golden-path props
 * or the organisation settings is validated against a strict rule or escaped, before anything is
 * written. Each case asserts its one sentence, that synth fails, and that the output is untouched.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { App } from 'cdktf';
import { writeAnalysis } from '../../catalog/analyse';
import { Workload } from '../../constructs/workload';
import { HttpService } from '../../golden-paths/http-service';
import { Organisation } from '../../golden-paths/organisation';
import { ScheduledJob } from '../../golden-paths/scheduled-job';
import { StaticSite } from '../../golden-paths/static-site';
import { buildOrganisation } from '../../stacks/app';
import { synthesizeAtomically } from '../../synth/synthesize';
import { settingsWith } from '../helpers/org';
import { cleanUp, errorOf, readTree, tempDir } from '../helpers/synth';

const repo = path.join(__dirname, '../..');
afterAll(cleanUp);

const CERT = 'arn:aws:acm:us-east-1:111111111111:certificate/0f0e0d0c-0b0a-0908-0706-050403020100';
const base = { owner: 'payments', description: 'A test service', version: '1.0.0' };
type Build = (org: Organisation) => void;

/** Synthesizes the example settings plus `build` over an existing output; returns the sentence, checking nothing was written. */
function refused(build: Build, settings = settingsWith()): string {
  const outdir = path.join(tempDir(), 'cdktf.out');
  synthesizeAtomically((app) => new Organisation(app, settingsWith(), 'test settings'), outdir);
  const before = readTree(outdir);
  const message = errorOf(() => synthesizeAtomically((app: App) => build(new Organisation(app, settings, 'test settings')), outdir));
  expect(readTree(outdir)).toEqual(before);
  expect(message).not.toMatch(/\n\s+at /);
  return message;
}

const cases: Array<[string, Build, string]> = [
  ['image as an expression', (org) => new HttpService(org, 'svc', { ...base, image: '${file("/etc/passwd")}' }), 'Service "svc" (http-service): prop image is "${file("/etc/passwd")}", which is not valid: full image reference with an immutable tag or digest.'],
  ['version as an expression', (org) => new HttpService(org, 'svc', { ...base, version: '${var.v}' }), 'Service "svc" (http-service): prop version is "${var.v}", which is not valid: image tag (image is <registry>/<name>:<version>), not latest.'],
  ['version latest', (org) => new HttpService(org, 'svc', { ...base, version: 'latest' }), 'prop version is "latest", which is not valid'],
  ['job version as an expression', (org) => new ScheduledJob(org, 'job', { ...base, schedule: '0 3 * * *', version: '%{if true}x%{endif}' }), 'Service "job" (scheduled-job): prop version is "%{if true}x%{endif}", which is not valid'],
  ['unknown time zone', (org) => new ScheduledJob(org, 'job', { ...base, schedule: '0 3 * * *', timeZone: 'Mars/Olympus' }), 'Service "job" (scheduled-job): prop timeZone is "Mars/Olympus", which is not an IANA time zone name such as Etc/UTC or Europe/Paris.'],
  ['time zone as an expression', (org) => new ScheduledJob(org, 'job', { ...base, schedule: '0 3 * * *', timeZone: '${file("/etc/timezone")}' }), 'prop timeZone is "${file("/etc/timezone")}", which is not an IANA time zone name'],
  ['concurrency policy as an expression', (org) => new ScheduledJob(org, 'job', { ...base, schedule: '0 3 * * *', concurrencyPolicy: '${"Allow"}' as never }), 'prop concurrencyPolicy is "${"Allow"}", which must be one of Allow, Forbid, Replace.'],
  ['domain name as an expression', (org) => new StaticSite(org, 'site', { owner: 'platform', description: 'A site', domains: { production: { domainName: '${file("/etc/hostname")}', certificateArn: CERT } } }), 'production-aws/site/site: domainName "${file(\\"/etc/hostname\\")}" must be a DNS name such as www.acme.example.'],
  ['price class', (org) => new StaticSite(org, 'site', { owner: 'platform', description: 'A site', priceClass: 'PriceClass_${var.x}' as never }), 'Service "site" (static-site): prop priceClass is "PriceClass_${var.x}", which must be one of PriceClass_100, PriceClass_200, PriceClass_All.'],
  ['visibility', (org) => new HttpService(org, 'svc', { ...base, visibility: '${var.v}' as never }), 'Service "svc" (http-service): prop visibility is "${var.v}", which must be one of private, internal, public.'],
  ['javascript: runbook', (org) => new HttpService(org, 'svc', { ...base, links: { runbook: 'javascript:alert(1)' } }), 'Service "svc" (http-service): prop links.runbook is "javascript:alert(1)", which is not valid: runbook URL (https: or http:).'],
  ['malformed docs link', (org) => new HttpService(org, 'svc', { ...base, links: { docs: 'https://docs example' } }), 'prop links.docs is "https://docs example", which is not valid: documentation URL (https: or http:).'],
  ['replicas as text', (org) => new HttpService(org, 'svc', { ...base, replicas: '3' as never }), 'Service "svc" (http-service): prop replicas is "3", which must be a whole number from 1 to 100, not a string.'],
  ['negative replicas', (org) => new HttpService(org, 'svc', { ...base, replicas: -1 }), 'prop replicas is -1, which must be a whole number from 1 to 100.'],
  ['zero cpu', (org) => new HttpService(org, 'svc', { ...base, cpu: '0' }), 'Service "svc" (http-service): prop cpu is "0", which must be more than zero.'],
  ['zero memory', (org) => new HttpService(org, 'svc', { ...base, memory: '0Mi' }), 'Service "svc" (http-service): prop memory is "0Mi", which must be more than zero.'],
  ['missing description', (org) => new HttpService(org, 'svc', { owner: 'payments', version: '1.0.0' } as never), 'Service "svc" (http-service): prop description is required (one line on what the service does).'],
  ['empty description', (org) => new HttpService(org, 'svc', { ...base, description: '   ' }), 'Service "svc" (http-service): prop description is "   ", which must not be empty.'],
  ['numeric owner', (org) => new HttpService(org, 'svc', { ...base, owner: 42 as never }), 'github/svc: ownership key "owner" has value "42", which must be a string.'],
  ['numeric tag value', (org) => new HttpService(org, 'svc', { ...base, tags: { 'data-classification': 7 as never } }), 'github/svc: ownership key "data-classification" has value "7", which must be a string.'],
  ['duplicate service name', (org) => { new HttpService(org, 'svc', base); new HttpService(org, 'svc', base); }, 'Service "svc" (http-service) is defined twice: a http-service of that name exists already; service names are unique in the organisation.'],
  ['readiness path as an expression (construct used directly)', (org) => new Workload(org.environments.staging.kubernetes, 'w', { ownership: new HttpService(org, 'svc', base).ownership, production: false, image: 'ghcr.io/acme/w:1.0.0', readinessPath: '/${file("x")}' } as never), 'readinessPath "/${file(\\"x\\")}" must be an HTTP path such as /healthz'],
];

test.each(cases)('%s is refused with one sentence and nothing is written', (_, build, sentence) => {
  expect(refused(build)).toContain(sentence);
});

test.each([
  ['containerRegistry', (s: any) => (s.containerRegistry = '${file("/etc/passwd")}'), 'containerRegistry must match pattern'],
  ['kubernetes.configContext', (s: any) => (s.environments.staging.kubernetes.configContext = '${var.context}'), 'environments.staging.kubernetes.configContext must match pattern'],
])('the setting %s as an expression is refused', (_, edit, sentence) => {
  expect(refused(() => undefined, settingsWith(edit))).toContain(sentence);
});

test('an expression that slips past a construct stops synth at the safety net, naming where it is', () => {
  const message = refused((org) => {
    const svc = new HttpService(org, 'svc', base);
    svc.environments.staging.workload.deployment.addOverride('metadata.annotations.leak', '${file("/etc/passwd")}');
  });
  expect(message).toContain('Synth stopped: the output holds Terraform expressions the platform did not write:');
  expect(message).toContain('staging-kubernetes resource.kubernetes_deployment_v1.svc_deployment_');
  expect(message).toContain('holds the expression ${file("/etc/passwd")}, which is neither a reference to a resource of the stack nor jsonencode of literals');
});

test('the synth command exits 1 with the sentence and leaves cdktf.out as it was', () => {
  const root = tempDir('groundwork-cli-');
  fs.cpSync(path.join(repo, 'dist'), path.join(root, 'dist'), { recursive: true });
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const settings = path.join(root, 'dist/stacks/organisation.json');
  const outdir = path.join(root, 'cdktf.out');
  const env = { ...process.env, CDKTF_OUTDIR: outdir };
  execFileSync('node', ['dist/stacks/main.js'], { cwd: root, env, encoding: 'utf8' });
  const before = readTree(outdir);
  fs.writeFileSync(settings, JSON.stringify({ ...JSON.parse(fs.readFileSync(settings, 'utf8')), containerRegistry: '${file("/etc/passwd")}' }));
  const result = spawnSync('node', ['dist/stacks/main.js'], { cwd: root, env, encoding: 'utf8' });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('containerRegistry must match pattern');
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(readTree(outdir)).toEqual(before);
});

test('synthesizing from two different directories gives byte-identical output', () => {
  const trees = [tempDir('groundwork-a-'), tempDir('groundwork-b-')].map((dir) => {
    const outdir = path.join(dir, 'nested', 'cdktf.out');
    synthesizeAtomically((app) => buildOrganisation(app), outdir);
    writeAnalysis(outdir);
    return readTree(outdir);
  });
  expect(trees[1]).toEqual(trees[0]);
  expect(JSON.stringify(trees[0])).not.toContain(repo);
});
