import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { writeAnalysis } from '../../catalog/analyse';
import { synthesizeAtomically } from '../../synth/synthesize';
import { tempDir } from './synth';

export const repo = path.join(__dirname, '..', '..');

/** A project tree whose stacks/ is a copy (a test edits it) and whose code is the real one. */
export function projectCopy(): string {
  const root = tempDir('groundwork-project-');
  fs.cpSync(path.join(repo, 'stacks'), path.join(root, 'stacks'), { recursive: true });
  for (const shared of ['model', 'golden-paths', 'constructs', 'synth', 'catalog', 'node_modules']) fs.symlinkSync(path.join(repo, shared), path.join(root, shared), 'dir');
  return root;
}

/** A clean clone of the repository's committed state, sharing its node_modules: what a user or CI starts from. */
export function cleanClone(): string {
  const clone = path.join(tempDir(), 'clone');
  const cloned = spawnSync('git', ['-c', 'advice.detachedHead=false', 'clone', '--quiet', repo, clone], { encoding: 'utf8' });
  if (cloned.status !== 0 || cloned.stderr) throw new Error(`git clone failed: ${cloned.stderr}`);
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
  return clone;
}

/** Synthesizes a project tree as `npm run synth` does (stacks, then the reports), into <root>/cdktf.out. */
export function synthProject(root: string): string {
  const outdir = path.join(root, 'cdktf.out');
  jest.isolateModules(() => {
    const { buildOrganisation } = require(path.join(root, 'stacks/app.ts'));
    synthesizeAtomically(buildOrganisation, outdir, (staging) => writeAnalysis(staging, { usage: path.join(repo, 'usage') }));
  });
  return outdir;
}

/** Replaces text in a file of a project copy, failing loudly when the text is not there. */
export function edit(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}
