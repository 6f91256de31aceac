/** `npm run typecheck` covers the portal's own script: portal.js is // @ts-check against the portal data's types. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cleanUp, tempDir } from './helpers/synth';

const repo = path.join(__dirname, '..');
const client = path.join(repo, 'catalog/portal/client');
const tsc = (project: string) => spawnSync('node', [require.resolve('typescript/bin/tsc'), '--noEmit', '-p', project], { cwd: repo, encoding: 'utf8' });
afterAll(cleanUp);

test('npm run typecheck checks portal.js with tsconfig.portal.json, and it passes', () => {
  const scripts = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')).scripts;
  expect(scripts.typecheck).toContain('tsc --noEmit -p tsconfig.portal.json');
  expect(fs.readFileSync(path.join(client, 'portal.js'), 'utf8')).toMatch(/^\/\/ @ts-check/);
  const result = tsc('tsconfig.portal.json');
  expect({ status: result.status, out: result.stdout }).toEqual({ status: 0, out: '' });
});

test('a misspelt field of the data in portal.js is a type error naming it', () => {
  // A copy of the page's script reading `s.goldenPth`, checked as the real one is.
  const dir = tempDir();
  const text = fs.readFileSync(path.join(client, 'portal.js'), 'utf8').replace(/import\('\.\.\/portal-data'\)/g, `import(${JSON.stringify(path.join(repo, 'catalog/portal/portal-data'))})`);
  expect(text).toContain("(s) => [s.goldenPath]");
  fs.writeFileSync(path.join(dir, 'portal.js'), text.replace('(s) => [s.goldenPath]', '(s) => [s.goldenPth]'));
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: path.join(repo, 'tsconfig.portal.json'), compilerOptions: { rootDir: '/' }, include: [path.join(dir, 'portal.js'), path.join(client, 'portal-globals.d.ts')] }));
  const result = tsc(path.join(dir, 'tsconfig.json'));
  expect(result.status).not.toBe(0);
  expect(result.stdout).toContain("Property 'goldenPth' does not exist on type 'PortalService'");
});
