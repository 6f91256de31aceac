import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { App } from 'cdktf';
import { writeAnalysis } from '../catalog/analyse';
import { synthesizeAtomically } from '../synth/synthesize';
import { oneService } from './helpers/org';
import { repo } from './helpers/project';
import { cleanUp, tempDir } from './helpers/synth';

/** A new version in a service file: the comment says which tag builds its image (nothing offline can tell whether it exists). */
afterAll(cleanUp);

function output(props: Record<string, unknown>): string {
  const out = path.join(tempDir(), 'cdktf.out');
  synthesizeAtomically((app: App) => oneService(app, props, 'billing'), out, (dir) => void writeAnalysis(dir));
  return out;
}

function report(base: string, head: string): { json: any; markdown: string } {
  const out = tempDir();
  const result = spawnSync('node', [path.join(repo, 'dist/scripts/pr-report.js'), '--base', base, '--head', head, '--out', out], { encoding: 'utf8' });
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  return { json: JSON.parse(fs.readFileSync(path.join(out, 'pr-report.json'), 'utf8')), markdown: fs.readFileSync(path.join(out, 'pr-report.md'), 'utf8') };
}

const base = output({ version: '1.0.0' });

test('a changed version: one line, outside any collapsed block, naming the image and the tag that builds it', () => {
  const { json, markdown } = report(base, output({ version: '1.1.0' }));
  expect(json.imagesToBuild).toEqual([{ service: 'billing', image: 'ghcr.io/acme-corp/billing:1.1.0', version: '1.1.0' }]);
  const line = '- image ghcr.io/acme-corp/billing:1.1.0 is built when tag v1.1.0 is pushed (repository billing); until then the deploy has no image to run.';
  expect(markdown).toContain(`### Images to build\n\n${line}\n`);
  expect(markdown.indexOf(line)).toBeLessThan(markdown.indexOf('<details>') < 0 ? Infinity : markdown.indexOf('<details>'));
});

test('an unchanged version or a third-party image: no line', () => {
  expect(report(base, output({ version: '1.0.0', replicas: 3 })).json.imagesToBuild).toBeUndefined();
  const thirdParty = report(base, output({ image: 'docker.io/library/nginx:1.27.0' }));
  expect(thirdParty.json.imagesToBuild).toBeUndefined();
  expect(thirdParty.markdown).not.toContain('Images to build');
});
