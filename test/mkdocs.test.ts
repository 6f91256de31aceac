/** docs/ builds as a TechDocs/MkDocs site with `mkdocs build --strict` (as CI runs it), and strict mode catches a broken link. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import MarkdownIt from 'markdown-it';
import { MKDOCS, withMkdocs } from './helpers/mkdocs';
import { repo } from './helpers/project';
import { cleanUp, tempDir } from './helpers/synth';

afterAll(cleanUp);

const build = (root: string, site = path.join(tempDir(), 'site')) => spawnSync(MKDOCS, ['build', '--strict', '--site-dir', site], { cwd: root, encoding: 'utf8' });

withMkdocs.test('mkdocs build --strict builds the pages with no warning, every code block a code block', () => {
  const site = path.join(tempDir(), 'site');
  const result = build(repo, site);
  expect({ status: result.status, warnings: result.stderr.split('\n').filter((l) => /WARNING|ERROR/.test(l)) }).toEqual({ status: 0, warnings: [] });
  // MkDocs' own Markdown has no fences inside lists (GitHub has): such a block would render as a line of text.
  const pages = fs.readdirSync(path.join(repo, 'docs')).filter((f) => f.endsWith('.md'));
  const counts = (count: (page: string) => number) => Object.fromEntries(pages.map((page) => [page, count(page)]));
  const fences = counts((page) => new MarkdownIt().parse(fs.readFileSync(path.join(repo, 'docs', page), 'utf8'), {}).filter((t) => t.type === 'fence').length);
  const rendered = counts((page) => (fs.readFileSync(path.join(site, page === 'index.md' ? '' : page.replace(/\.md$/, ''), 'index.html'), 'utf8').match(/<pre><code/g) ?? []).length);
  expect(rendered).toEqual(fences);
});

withMkdocs.test('a link to a page that does not exist fails the strict build, naming the page', () => {
  const root = tempDir('groundwork-mkdocs-');
  fs.copyFileSync(path.join(repo, 'mkdocs.yml'), path.join(root, 'mkdocs.yml'));
  fs.cpSync(path.join(repo, 'docs'), path.join(root, 'docs'), { recursive: true });
  fs.appendFileSync(path.join(root, 'docs/finance.md'), '\nSee [the ledger](ledger.md).\n');
  const result = build(root);
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain('ledger.md');
});
