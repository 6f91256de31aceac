/**
 * Issue 24, item 6: text hygiene wherever text leaves the platform. Tag values that carry
 * terminal escapes (OSC retitle, clear screen), CR, BEL, a bidi override, a bare URL and a
 * mention go through the real entry points (dist/scripts: cost, policy, catalog, pr-report); their
 * stdout/stderr hold no raw control or bidi character, and cost-report.md and pr-report.md,
 * rendered by a real Markdown renderer (markdown-it, autolinking on), hold no link from input.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import MarkdownIt from 'markdown-it';
import { markdownText } from '../../model/markdown-text';
import { terminalText } from '../../model/terminal-text';
import { repo } from '../helpers/project';
import { cleanUp, tempDir } from '../helpers/synth';

afterAll(cleanUp);

const HOSTILE = ['\x1b]0;pwned\x07', '\x1b[2J', '\r', '\u202e', 'https://evil.example', 'www.evil.com', '@someone'];
const OWNER = `pay${HOSTILE.join(' ')}ments`;
/** Any C0 control but newline and tab, DEL, C1, and every bidi control. */
const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * GitHub autolinks `www.`, `http(s)://` and e-mail addresses. `renderer` (linkify, fuzzy links on)
 * does that and more: it also links any bare domain (`ec2instances.info` in the platform's own price
 * sources); `schemeRenderer` links only what has a scheme, like GitHub's renderer without `www.`.
 */
const renderer = new MarkdownIt({ linkify: true });
renderer.linkify.set({ fuzzyLink: true, fuzzyEmail: true });
const schemeRenderer = new MarkdownIt({ linkify: true });
schemeRenderer.linkify.set({ fuzzyLink: false, fuzzyEmail: false });

const node = (script: string, ...args: string[]) => spawnSync('node', [path.join(repo, 'dist/scripts', script), ...args], { encoding: 'utf8' });

/** A synthesized-like output (manifest.json, one stack) whose tags carry the hostile values, analysed by `npm run catalog`. */
function output(tags: Record<string, string> | undefined): string {
  const dir = tempDir();
  const resource = tags
    ? {
        aws_db_instance: { orders: { identifier: 'orders', engine: 'postgres', instance_class: 'db.t3.micro', allocated_storage: 20, tags } },
        aws_sqs_queue: { jobs: { name: 'jobs', tags: { ...tags, 'data-classification': HOSTILE.join('') } } },
      }
    : {};
  fs.mkdirSync(path.join(dir, 'stacks', 'staging-aws'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'stacks', 'staging-aws', 'cdk.tf.json'), JSON.stringify({ provider: { aws: [{ region: 'us-east-1' }] }, resource }));
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ stacks: { 'staging-aws': { name: 'staging-aws', dependencies: [], synthesizedStackPath: 'stacks/staging-aws/cdk.tf.json', workingDirectory: 'stacks/staging-aws' } } }));
  const catalog = node('catalog.js', dir);
  expect(catalog.status).toBe(0);
  return dir;
}

const hostile = () => output({ owner: OWNER, service: 'checkout', environment: 'staging', 'cost-center': 'CC-2001' });

/** The rendered HTML has no link from input, and no raw control or bidi character; the hostile text is there, shown. */
function expectInertMarkdown(markdown: string): void {
  expect(markdown).not.toMatch(RAW);
  expect(schemeRenderer.render(markdown)).not.toMatch(/<a[\s>]/i);
  const html = renderer.render(markdown);
  const anchors = html.match(/<a[\s>][^]*?<\/a>/gi) ?? [];
  expect(anchors.filter((a) => /evil|someone|pwned/.test(a))).toEqual([]);
  expect(html).not.toMatch(RAW);
  expect(html).toContain('pay\\x1b]0;pwned\\x07 \\x1b[2J   \\u202e https://evil.example www.evil.com @someonements');
}

describe('the two functions', () => {
  test('terminalText shows C0, DEL, C1 and bidi controls escaped; newline and tab stay', () => {
    expect(terminalText('a\x1b]0;t\x07b\x1b[2J\rc\x7f\x85\x9b\u202ed\u2066\u2069\u200e\u200f\u061c\n\te')).toBe('a\\x1b]0;t\\x07b\\x1b[2J\\x0dc\\x7f\\x85\\x9b\\u202ed\\u2066\\u2069\\u200e\\u200f\\u061c\n\te');
    expect(terminalText('plain text, ünïcödé, 日本, emoji 🙂')).toBe('plain text, ünïcödé, 日本, emoji 🙂');
  });

  test.each([...HOSTILE, 'HTTP://EVIL.COM/x', '_www.evil.com', '(https://e.com)', '//evil.example', 'a@b.com', 'mailto:a@b.com', '[x](javascript:alert(1))', '<https://evil.example>', '<img src=x>'])('markdownText(%j) renders as text, no link', (value) => {
    const html = renderer.render(`| a |\n| --- |\n| ${markdownText(`x ${value} y`)} |`);
    expect(html).not.toMatch(/<a[\s>]|<img/i);
    expect(html).not.toMatch(RAW);
    expect(html).toContain('<td>x ');
  });

  test('the renderer does autolink the same values raw (the check above can fail)', () => {
    for (const raw of ['https://evil.example', 'www.evil.com', 'a@b.com']) expect(renderer.render(raw)).toMatch(/<a /);
  });
});

describe('npm run cost and npm run policy print no raw control character', () => {
  test.each(['cost.js', 'policy.js'])('%s: the hostile tag value is printed, escaped', (script) => {
    const run = node(script, hostile());
    expect(`${run.stdout}${run.stderr}`).not.toMatch(RAW);
    expect(run.stdout).toContain('pay\\x1b]0;pwned\\x07 \\x1b[2J \\x0d \\u202e https://evil.example www.evil.com @someonements');
  });

  test('an error naming the input, and commander\'s own message on an unknown option, are escaped too', () => {
    const missing = node('cost.js', path.join(tempDir(), 'no\x1b[2Jsuch\u202e'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no\\x1b[2Jsuch\\u202e');
    expect(missing.stderr).not.toMatch(RAW);
    const option = node('policy.js', '--x\x1b]0;pwned\x07');
    expect(option.status).toBe(1);
    expect(option.stderr).toContain("unknown option '--x\\x1b]0;pwned\\x07'");
    expect(option.stderr).not.toMatch(RAW);
  });
});

describe('Markdown reports hold no link from input and no raw control character', () => {
  test('cost-report.md', () => {
    const dir = hostile();
    expectInertMarkdown(fs.readFileSync(path.join(dir, 'catalog', 'cost-report.md'), 'utf8'));
  });

  test('pr-report.md (and npm run pr-report prints nothing raw)', () => {
    const out = path.join(tempDir(), 'pr');
    const run = node('pr-report.js', '--base', output(undefined), '--head', hostile(), '--out', out);
    // The hostile head fails its guardrails: the report is written, then the errors are named, escaped.
    expect(run.stderr).toMatch(/^The head fails 4 guardrails: fix them or suppress them with a reason/);
    expect(run.stderr).toContain('has value "pay\\x1b]0;pwned\\x07 \\x1b[2J \\x0d \\u202e');
    expect(run.stderr).not.toMatch(RAW);
    expect(run.status).toBe(1);
    expect(run.stdout).not.toMatch(RAW);
    const markdown = fs.readFileSync(path.join(out, 'pr-report.md'), 'utf8');
    expectInertMarkdown(markdown);
    // The hostile value sits in the cost tables, the services table and the guardrail findings.
    expect(markdown.split('\\x1b\\]0;pwned').length - 1).toBeGreaterThanOrEqual(3);
  });
});
