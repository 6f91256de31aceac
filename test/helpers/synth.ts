import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { App } from 'cdktf';
import { synthesizeAtomically } from '../../synth/synthesize';

export type Json = Record<string, any>;

/** One synthesized stack: its name and its parsed cdk.tf.json. */
export interface SynthesizedStack {
  readonly name: string;
  readonly dir: string;
  readonly json: Json;
}

const made: string[] = [];

/** A fresh temp directory, removed by cleanUp(). */
export function tempDir(prefix = 'groundwork-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function cleanUp(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Synthesizes through the same atomic path as `npm run synth` and reads every stack back. */
export function synth(build: (app: App) => void, outdir = path.join(tempDir(), 'cdktf.out')): { outdir: string; stacks: SynthesizedStack[] } {
  synthesizeAtomically(build, outdir);
  return { outdir, stacks: readStacks(outdir) };
}

export function readStacks(outdir: string): SynthesizedStack[] {
  const root = path.join(outdir, 'stacks');
  return fs
    .readdirSync(root)
    .sort()
    .map((name) => ({ name, dir: path.join(root, name), json: JSON.parse(fs.readFileSync(path.join(root, name, 'cdk.tf.json'), 'utf8')) }));
}

/** Every resource of a stack as [type, name, body]. */
export function resources(stack: Json): Array<[string, string, Json]> {
  return Object.entries<Json>(stack.resource ?? {}).flatMap(([type, byName]) => Object.entries<Json>(byName).map(([name, body]) => [type, name, body] as [string, string, Json]));
}

export function resourcesOfType(stack: Json, type: string): Json[] {
  return Object.values<Json>(stack.resource?.[type] ?? {});
}

/** The resource whose construct path ends with the given suffix. */
export function byPath(stack: Json, suffix: string): Json {
  const found = resources(stack).find(([, , body]) => body['//']?.metadata?.path?.endsWith(suffix));
  if (!found) throw new Error(`no resource at a path ending ${suffix}`);
  return found[2];
}

/** The message of what `fn` throws (fails the test when it does not throw). */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error, but none was thrown');
}

/** Every file below a folder, by relative path, with its text: for byte-for-byte comparisons. */
export function readTree(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const file = path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name);
        return [path.relative(dir, file), fs.readFileSync(file, 'utf8')];
      }),
  );
}
