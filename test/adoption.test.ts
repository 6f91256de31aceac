import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { analyse, writeAnalysis } from '../catalog/analyse';
import { adoptionReport, adoptionTrend } from '../catalog/adoption/adoption-report';
import { adoptionMarkdown } from '../catalog/adoption/adoption-markdown';
import { cleanUp, tempDir } from './helpers/synth';
import { cleanClone, projectCopy, synthProject } from './helpers/project';

afterAll(cleanUp);
const cli = path.join(__dirname, '../dist/scripts/adoption.js');

describe('adoption of the example organisation', () => {
  const outdir = synthProject(projectCopy());

  test('npm run adoption prints per-team golden-path coverage and writes JSON and Markdown', () => {
    const out = tempDir();
    const result = spawnSync('node', [cli, outdir, '--out', out], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('11 of 11 services (100%) come from a golden path');
    expect(result.stdout).toContain('| payments | 4 | 100% | 2 | 0 | 1 | 0 | 1 | 0 | 0 | 0 | 0 | 4 |');
    const json = JSON.parse(fs.readFileSync(path.join(out, 'adoption.json'), 'utf8'));
    expect(json.totals.byGoldenPath).toEqual({ 'http-service': 7, 'knowledge-base': 1, 'scheduled-job': 1, 'static-site': 1, worker: 1 });
    expect(json.tagCoverage.overall.percent).toBe(100);
    expect(fs.readFileSync(path.join(out, 'adoption.md'), 'utf8')).toBe(result.stdout);
  });

  test('the trend against plain Terraform: coverage and resources outside golden paths', () => {
    const plain = tempDir();
    fs.cpSync(path.join(__dirname, 'fixtures/plain-terraform'), plain, { recursive: true });
    const base = analyse(plain);
    const baseReport = adoptionReport(base.catalog, base.policy);
    expect(baseReport.totals.goldenPathPercent).toBe(0);
    expect(baseReport.totals.byGoldenPath['(none)']).toBeGreaterThan(0);
    expect(baseReport.totals.resources.outside).toBeGreaterThan(0);
    const head = JSON.parse(fs.readFileSync(path.join(outdir, 'catalog/catalog.json'), 'utf8'));
    const headPolicy = JSON.parse(fs.readFileSync(path.join(outdir, 'catalog/policy.json'), 'utf8'));
    const trend = adoptionTrend(baseReport, adoptionReport(head, headPolicy), 'plain');
    expect(trend.goldenPathPercent).toEqual({ base: 0, head: 100 });
    expect(adoptionMarkdown(adoptionReport(head, headPolicy), trend)).toContain('- Golden-path coverage: 0% → 100%');
  });

  test('bad input: one sentence, nothing written, exit 1', () => {
    const out = path.join(tempDir(), 'adoption');
    const missing = spawnSync('node', [cli, path.join(tempDir(), 'empty'), '--out', out], { encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('holds no catalog.json');
    const broken = tempDir();
    fs.writeFileSync(path.join(broken, 'catalog.json'), '{"kind":"Catalog"}');
    const invalid = spawnSync('node', [cli, broken, '--out', out], { encoding: 'utf8' });
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain(`${path.join(broken, 'catalog.json')} is not a valid catalog document:`);
    expect(invalid.stderr).not.toContain('    at ');
    const both = spawnSync('node', [cli, outdir, '--base', outdir, '--since', 'HEAD', '--out', out], { encoding: 'utf8' });
    expect(both.stderr).toContain('Give --base or --since, not both');
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('npm run adoption --since <ref> from a clean clone', () => {
  let clone: string;
  let head: string;
  beforeAll(() => {
    clone = cleanClone();
    // The head is hand-written Terraform (analysed, no synth): the one synth is the ref's, in its worktree.
    head = path.join(tempDir(), 'plain');
    fs.cpSync(path.join(__dirname, 'fixtures/plain-terraform'), head, { recursive: true });
    writeAnalysis(head);
  });
  const worktrees = () => spawnSync('git', ['worktree', 'list'], { cwd: clone, encoding: 'utf8' }).stdout.trim().split('\n').length;
  const adoption = (args: string[]) => spawnSync('node', [cli, ...args], { cwd: clone, encoding: 'utf8' });

  test('a ref that does not exist: one sentence, exit 1, nothing written, no worktree left', () => {
    const result = adoption([head, '--since', 'no-such-ref', '--out', 'adoption']);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 1, stderr: 'The git ref "no-such-ref" does not exist in this repository: pass a branch, tag or commit (--since).\nNothing was written.\n' });
    expect(fs.existsSync(path.join(clone, 'adoption'))).toBe(false);
    expect(worktrees()).toBe(1);
  });

  test('synthesizes the ref in a temporary worktree, reports the trend from it, cleans up', () => {
    const result = adoption([head, '--since', 'HEAD', '--out', 'adoption']);
    expect({ status: result.status, stderr: result.stderr.split('\n').filter((l) => !/^(Synthesizing HEAD \([0-9a-f]{12}\)\.\.\.|Report: )/.test(l)).join('') }).toEqual({ status: 0, stderr: '' });
    expect(result.stdout).toContain('## Trend since HEAD');
    expect(result.stdout).toContain('- Golden-path coverage: 100% → 0%');
    const json = JSON.parse(fs.readFileSync(path.join(clone, 'adoption', 'adoption.json'), 'utf8'));
    expect(json.trend.base).toBe('HEAD');
    expect(json.trend.services.base).toBe(11); // the example organisation at HEAD
    expect(json.trend.goldenPathPercent).toEqual({ base: 100, head: 0 });
    expect(json.trend.teams.find((t: { team: string }) => t.team === 'payments').gold.base).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(clone, 'adoption', 'adoption.md'), 'utf8')).toBe(result.stdout);
    expect(worktrees()).toBe(1);
    expect(spawnSync('git', ['status', '--porcelain'], { cwd: clone, encoding: 'utf8' }).stdout).toBe(''); // adoption/ and the node_modules link are ignored; nothing else left behind
  });
});
