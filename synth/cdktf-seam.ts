/**
 * The guarded seam between the platform and cdktf's internals. synth/cdktf-fast-synth.ts reaches
 * into cdktf's private files (synth/cdktf-internals.ts lists them), written against cdktf 0.21.0;
 * it is loaded here and nowhere else, and only after checking that the installed cdktf is that
 * version, declares no `exports` map (which hides those files: ERR_PACKAGE_PATH_NOT_EXPORTED) and
 * has each file where the fast path expects it. Otherwise one sentence on stderr, and synthesis
 * takes cdktf's own path (App.synth), which writes the same bytes, only slower.
 * GROUNDWORK_CDKTF_FAST_SYNTH=0 takes cdktf's own path without checking or loading anything.
 */
import * as fs from 'fs';
import * as path from 'path';
import { writeErr } from '../model/terminal-text';
import { CDKTF_INTERNALS, CDKTF_PACKAGE, CDKTF_WRITTEN_FOR } from './cdktf-internals';
import type * as FastSynth from './cdktf-fast-synth';

export type FastPath = typeof FastSynth;

/** undefined: not decided yet in this process; null: cdktf's own path. */
let decided: FastPath | null | undefined;

/** The folder of the cdktf package the app loads: up from its entry point (always exported) to the package.json of that name. */
export function cdktfRoot(): string {
  const entry = require.resolve(CDKTF_PACKAGE);
  for (let folder = path.dirname(entry); ; folder = path.dirname(folder)) {
    const manifest = path.join(folder, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: unknown }).name === CDKTF_PACKAGE) return folder;
    if (path.dirname(folder) === folder) throw new Error(`no package.json named ${CDKTF_PACKAGE} above ${entry}`);
  }
}

/** Why the installed cdktf is not the one the fast path was written for, as the first half of the sentence; undefined when it is. */
export function cdktfMismatch(root: string): string | undefined {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: unknown; exports?: unknown };
  const version = typeof manifest.version === 'string' ? manifest.version : JSON.stringify(manifest.version);
  if (version !== CDKTF_WRITTEN_FOR) return `${CDKTF_PACKAGE} ${version} is not the ${CDKTF_WRITTEN_FOR} this fast path was written for`;
  if (manifest.exports !== undefined) return `${CDKTF_PACKAGE} ${version} declares an "exports" map, which hides the files this fast path was written against`;
  const missing = Object.values(CDKTF_INTERNALS).find(({ file }) => !fs.existsSync(path.join(root, `${file}.js`)));
  if (missing) return `${CDKTF_PACKAGE} ${version} has no ${missing.file}.js, which this fast path was written against`;
  return undefined;
}

/**
 * The fast path, enabled, where the installed cdktf is the one it was written for; undefined (cdktf's
 * own path) otherwise, said once per process on stderr, or where GROUNDWORK_CDKTF_FAST_SYNTH=0.
 */
export function fastPath(): FastPath | undefined {
  if (decided === undefined) decided = decide();
  return decided ?? undefined;
}

function decide(): FastPath | null {
  if (process.env.GROUNDWORK_CDKTF_FAST_SYNTH === '0') return null;
  let mismatch: string | undefined;
  try {
    mismatch = cdktfMismatch(cdktfRoot());
    if (!mismatch) {
      const fast = require('./cdktf-fast-synth') as FastPath;
      fast.enableFastSynth();
      return fast;
    }
  } catch (error) {
    // A file where it should be that does not load as expected (an export renamed): the same fallback.
    mismatch = `${CDKTF_PACKAGE}'s internals did not load as this fast path expects (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
  writeErr(`${mismatch}; synthesizing with ${CDKTF_PACKAGE}'s own path.\n`);
  return null;
}
