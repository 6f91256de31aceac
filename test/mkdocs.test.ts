/** docs/ builds as a TechDocs/MkDocs site with `mkdocs build --strict` (as CI runs it), and strict mode catches a broken link. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { MKDOCS, withMkdocs } from './helpers/mkdocs';
import { repo } from './helpers/project';
import { cleanUp, tempDir } from './helpers/synth';

afterAll(cleanUp);

const build = (root: string) => spawnSync(MKDOCS, ['build', '--strict', '--site-dir', path.join(tempDir(), 'site')], { cwd: root, encoding: 'utf8' });

withMkdocs.test('mkdocs build --strict builds the pages with no warning', () => {
  const result = build(repo);
  expect({ status: result.status, warnings: result.stderr.split('\n').filter((l) => /WARNING|ERROR/.test(l)) }).toEqual({ status: 0, warnings: [] });
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
