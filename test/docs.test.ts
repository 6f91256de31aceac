/**
 * The docs cannot drift: every fenced sh/bash block of README.md and docs/*.md is run in one clean
 * clone (in page order, after the quick start's `npm run synth`) or, where marked needs-aws,
 * needs-github, needs-cluster or parse-only, parsed: valid shell, npm scripts that exist, flags the
 * command's --help names (docs/index.md, "Every command here is tested"); inline commands are parsed
 * the same way. Also: the README stays
 * short, every page is in mkdocs.yml's nav, and every link between them resolves, anchors included.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stripVTControlCharacters } from 'util';
import { load } from 'js-yaml';
import { cleanClone, repo } from './helpers/project';
import { cleanUp } from './helpers/synth';
import { flagsOf, helpNames, inlineCommands, shellBlocks, simpleCommands, withoutBrackets, type ShellBlock } from './helpers/doc-blocks';

afterAll(cleanUp);

const nav = (): string[] => {
  const config = load(fs.readFileSync(path.join(repo, 'mkdocs.yml'), 'utf8')) as { docs_dir: string; nav: Array<Record<string, string>> };
  return config.nav.map((entry) => Object.values(entry)[0]);
};
/** README first, then the pages in the nav's order: the order a reader meets the commands. */
const PAGES = ['README.md', ...nav().map((page) => `docs/${page}`)];
const BLOCKS: ShellBlock[] = PAGES.flatMap((page) => shellBlocks(path.join(repo, page), page));
const scripts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')).scripts;

const helpCache = new Map<string, string>();
/** A command's --help, run in the repository (the same code as the clone's). */
function help(command: string): string {
  if (!helpCache.has(command)) {
    const result = spawnSync('bash', ['-c', `${command} --help`], { cwd: repo, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    helpCache.set(command, result.status === 0 ? result.stdout + result.stderr : '');
  }
  return helpCache.get(command)!;
}

/** What is wrong with one parsed command line: a script that does not exist, a flag its command does not take. */
function problemsOf(written: string): string[] {
  const problems: string[] = [];
  // Placeholders (`<stack>`, `<master secret ARN>`) stand for one word.
  const command = written.replace(/<[\w .-]+>/g, 'placeholder');
  const syntax = spawnSync('bash', ['-n', '-c', withoutBrackets(command)], { encoding: 'utf8' });
  if (syntax.status !== 0) problems.push(`not valid shell: ${syntax.stderr.trim()}`);
  for (const words of simpleCommands(command)) {
    let helpCommand: string | undefined;
    let args: string[] = [];
    if (words[0] === 'npm' && words[1] === 'run') {
      const rest = words.slice(2).filter((w) => w !== '--silent');
      const script = rest[0];
      if (!(script in scripts)) {
        problems.push(`npm run ${script}: package.json has no such script`);
        continue;
      }
      // The script's last step is the command the arguments after `--` reach (build steps come first).
      helpCommand = scripts[script].split('&&').pop()!.trim().replace(/^cdktf /, 'npx cdktf ');
      args = rest.includes('--') ? rest.slice(rest.indexOf('--') + 1) : [];
    } else if (words[0] === 'npm' && words[1] === 'test') {
      if (!('test' in scripts)) problems.push('npm test: package.json has no test script');
    } else if (words[0] === 'npx' && words[1] === 'cdktf') {
      helpCommand = `npx cdktf ${words[2]}`;
      args = words.slice(3);
    } else if (words[0] === 'npx' && words[1] === '@groundwork-platform/groundwork') {
      helpCommand = `node dist/scripts/groundwork.js ${words[2]}`;
      args = words.slice(3);
    }
    const flags = flagsOf(args);
    if (helpCommand === undefined || flags.length === 0) continue;
    // A command with subcommands (`ops scale`) documents their flags in the subcommand's own --help.
    const subcommand = args.find((a) => !a.startsWith('-'));
    const text = help(helpCommand) + (subcommand && args.indexOf(subcommand) === 0 ? help(`${helpCommand} ${subcommand}`) : '');
    if (text === '') problems.push(`\`${helpCommand} --help\` fails`);
    for (const flag of flags) if (!helpNames(text, flag)) problems.push(`${words.slice(0, 3).join(' ')}: ${flag} is not in \`${helpCommand} --help\``);
  }
  return problems;
}

test('the README keeps the quick start, the layout and links, under 200 lines', () => {
  const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
  expect(readme.split('\n').length).toBeLessThan(200);
  expect(readme.match(/^## .*/gm)).toEqual(['## Quick start', '## Layout', '## Documentation']);
});

test("every page of docs/ is in mkdocs.yml's nav, and the nav names only pages that exist", () => {
  expect(nav().sort()).toEqual(fs.readdirSync(path.join(repo, 'docs')).filter((f) => f.endsWith('.md')).sort());
});

/** A heading's anchor as MkDocs (Python-Markdown's toc) and GitHub make it for these headings. */
const anchor = (heading: string) =>
  heading.replace(/`/g, '').toLowerCase().replace(/[^\w\s-]/g, '').trim().replace(/[-\s]+/g, '-');

test('every relative link of the README and the pages resolves, anchors included', () => {
  const broken: string[] = [];
  for (const page of PAGES) {
    const text = fs.readFileSync(path.join(repo, page), 'utf8');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      const [file, hash] = target.split('#');
      const resolved = file === '' ? path.join(repo, page) : path.resolve(path.dirname(path.join(repo, page)), file);
      if (!fs.existsSync(resolved)) broken.push(`${page}: ${target} (no such file)`);
      else if (hash !== undefined) {
        const headings = fs.readFileSync(resolved, 'utf8').replace(/^\s*```[\s\S]*?^\s*```/gm, '');
        const anchors = [...headings.matchAll(/^#+ (.*)$/gm)].map((m) => anchor(m[1]));
        if (!anchors.includes(hash)) broken.push(`${page}: ${target} (no such heading)`);
      }
    }
  }
  expect(broken).toEqual([]);
});

test('the checker itself refuses a script that does not exist, a flag a command does not take, and an unknown marker', () => {
  expect(problemsOf('npm run no-such-script -- --x')).toEqual(['npm run no-such-script: package.json has no such script']);
  expect(problemsOf('npm run plan -- --offline --no-such-flag staging-aws')).toEqual(['npm run plan: --no-such-flag is not in `node dist/scripts/plan.js --help`']);
  expect(problemsOf('npm run spend -- --billing x.csv [--cost effective|billed] [--out o]')).toEqual([]);
  expect(problemsOf('npm run ops -- scale checkout --replicas 4 --env production')).toEqual([]);
  expect(problemsOf('npm run ops -- scale checkout --replica 4')).toEqual(['npm run ops: --replica is not in `node dist/scripts/ops.js --help`']);
  expect(problemsOf('npm run deploy-reviewed -- --expect <record> <stacks>')).toEqual([]);
  expect(inlineCommands(path.join(repo, 'docs/platform-engineers.md')).map((c) => c.command)).toEqual(expect.arrayContaining(['npm run catalog -- <folder>', 'npm run policy -- <folder>']));
  expect(problemsOf('npm run cost -- "unterminated')[0]).toMatch(/^not valid shell/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'groundwork-docs-'));
  fs.writeFileSync(path.join(dir, 'page.md'), '```sh\n# needs-aws-credentials\nnpm run plan\n```\n');
  expect(() => shellBlocks(path.join(dir, 'page.md'), 'page.md')).toThrow('page.md:1: unknown marker needs-aws-credentials; use needs-aws, needs-github, needs-cluster or "parse-only: <reason>" (docs/index.md).');
  fs.writeFileSync(path.join(dir, 'page.md'), '```bash\n# parse only, it is slow\nnpm run bench\n```\n');
  expect(() => shellBlocks(path.join(dir, 'page.md'), 'page.md')).toThrow('is not a marker');
  fs.writeFileSync(path.join(dir, 'page.md'), 'Run:\n\n```console\nnpm run synth\n```\n');
  expect(() => shellBlocks(path.join(dir, 'page.md'), 'page.md')).toThrow('page.md:3: commands in a block the docs test does not read; fence them as ```sh (docs/index.md).');
  fs.writeFileSync(path.join(dir, 'page.md'), 'Run:\n\n    npx cdktf deploy github\n');
  expect(() => shellBlocks(path.join(dir, 'page.md'), 'page.md')).toThrow('page.md:3: commands in a block');
  fs.rmSync(dir, { recursive: true });
});

test('every command written inline in the README and the pages names a script that exists and flags it takes', () => {
  const inline = PAGES.flatMap((page) => inlineCommands(path.join(repo, page), page));
  expect(inline.length).toBeGreaterThan(30);
  expect(inline.flatMap(({ where, command }) => problemsOf(command).map((p) => `${where}: ${command}: ${p}`))).toEqual([]);
}, 300_000);

const parsed = BLOCKS.filter((b) => b.needs.length > 0 || b.parseOnly !== undefined);
const run = BLOCKS.filter((b) => b.needs.length === 0 && b.parseOnly === undefined);

test('the documentation has blocks of both kinds (the extraction found them)', () => {
  expect(parsed.length).toBeGreaterThanOrEqual(5);
  expect(run.length).toBeGreaterThanOrEqual(3);
});

test.each(parsed.map((b) => [b.where, b.needs.join(', ') || `parse-only: ${b.parseOnly}`, b] as const))('%s (%s): parsed, its scripts and flags exist', (_where, _why, block) => {
  expect(block.commands.length).toBeGreaterThan(0);
  expect(block.commands.flatMap((c) => problemsOf(c).map((p) => `${c}: ${p}`))).toEqual([]);
});

describe('the other blocks, run in one clean clone in page order', () => {
  let clone: string;
  let synthOutput = '';
  const shell = (command: string) =>
    spawnSync('bash', ['-c', command], { cwd: clone, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' }, maxBuffer: 64 * 1024 * 1024 });

  beforeAll(() => {
    clone = cleanClone();
    // The quick start (README; parse-only there because it installs): npm ci is the shared node_modules.
    const synth = shell('npm run synth');
    if (synth.status !== 0) throw new Error(`npm run synth failed in the clean clone: ${synth.stderr.slice(-2000)}`);
    synthOutput = stripVTControlCharacters(synth.stdout);
  }, 300_000);

  test("the quick start's npm run synth prints the line the README quotes (the time aside)", () => {
    const quoted = /"(Synthesized \d+ services, [\d,]+ resources) in [\d.]+ s\."/.exec(fs.readFileSync(path.join(repo, 'README.md'), 'utf8'));
    expect(quoted).not.toBeNull();
    // cdktf's own progress lines (and their cursor codes) come around it; the line itself is the app's.
    expect(synthOutput).toMatch(new RegExp(`(^|\\n)${quoted![1]} in [\\d.]+ s\\.\\n`));
  });

  test.each(run.map((b) => [b.where, b] as const))('%s runs and exits 0', (_where, block) => {
    for (const command of block.commands) {
      expect(problemsOf(command)).toEqual([]);
      const result = shell(withoutBrackets(command));
      expect({ command, status: result.status, stderr: result.status === 0 ? '' : result.stderr.slice(-2000) }).toEqual({ command, status: 0, stderr: '' });
    }
  }, 300_000);
});
