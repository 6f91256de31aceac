import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError } from './errors';
import { isInside } from './safe-read';

/**
 * The folder every path an input names must stay inside: the given `--root`, else the git top
 * level of the input (the nearest folder above it holding `.git`, a folder or a worktree's file:
 * what `git rev-parse --show-toplevel` answers, without running git), else the input's own folder.
 * Returned resolved, symlinks and all.
 */
export function analysisRoot(input: string, given?: string): string {
  if (given !== undefined) {
    if (!fs.existsSync(given) || !fs.statSync(given).isDirectory()) throw new GroundworkError(`The analysis root ${given} is not a folder: pass an existing folder to --root.`);
    const root = fs.realpathSync(given);
    const real = fs.existsSync(input) ? fs.realpathSync(input) : path.resolve(input);
    if (!isInside(real, root)) {
      throw new GroundworkError(`${input} is outside the analysis root ${given}: pass a --root that holds it.`);
    }
    return root;
  }
  const real = fs.existsSync(input) ? fs.realpathSync(input) : path.resolve(input);
  const start = fs.existsSync(real) && fs.statSync(real).isDirectory() ? real : path.dirname(real);
  for (let folder = start; ; folder = path.dirname(folder)) {
    if (fs.existsSync(path.join(folder, '.git'))) return folder;
    if (path.dirname(folder) === folder) return start;
  }
}
