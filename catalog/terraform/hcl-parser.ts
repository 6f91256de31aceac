/**
 * HCL text to JSON with @cdktf/hcl2json (HashiCorp's own HCL parser compiled to WebAssembly), the
 * one place the reader touches that package's internals. Its public `parse` is a Promise because
 * it loads the module asynchronously; the parser itself answers synchronously, and the analysis
 * is synchronous (as synth is). So the module is instantiated here synchronously, from the same
 * files the package loads, and its exported `parse` called directly. Guarded: if a new version
 * stops answering synchronously this says so in one sentence instead of returning nothing.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { GroundworkError, isGroundworkError } from '../../model/errors';
import type { Json } from '../../model/json-object';
import { checkHclNesting } from './block-headers';

type Callback = (error: string | null | undefined, result?: string) => void;
interface Bridge {
  parse(filename: string, contents: string, callback: Callback): void;
}

/** Where the package's Go bridge registers its functions (@cdktf/hcl2json/lib/bridge.js). */
const BRIDGE_GLOBAL = '__parse_terraform_config_wasm__';

let bridge: Bridge | undefined;

function loadBridge(): Bridge {
  if (bridge) return bridge;
  const dir = path.dirname(require.resolve('@cdktf/hcl2json/package.json'));
  require(path.join(dir, 'wasm', 'bridge_wasm_exec.js'));
  const Go = (globalThis as unknown as { Go: new () => { importObject: WebAssembly.Imports; run(instance: WebAssembly.Instance): Promise<void> } }).Go;
  const go = new Go();
  const instance = new WebAssembly.Instance(new WebAssembly.Module(zlib.gunzipSync(fs.readFileSync(path.join(dir, 'main.wasm.gz')))), go.importObject);
  const root: Partial<Bridge> = {};
  (globalThis as Record<string, unknown>)[BRIDGE_GLOBAL] = root;
  // Runs the Go program until it waits for calls: by then it has registered parse.
  void go.run(instance);
  if (typeof root.parse !== 'function') throw new GroundworkError('@cdktf/hcl2json did not register its parser: the installed version is not the one this reader was written for (0.21.0).');
  bridge = root as Bridge;
  return bridge;
}

/**
 * One .tf (or .tfvars) file's text as hcl2json's JSON: blocks as lists of bodies, expressions as
 * `${...}` strings. A syntax error is one sentence naming `shown` and the line and column, not
 * the text there (it may hold a secret).
 */
export function parseHcl(text: string, shown: string): Json {
  checkHclNesting(text, shown);
  let answer: { error?: string; json?: string } | undefined;
  try {
    loadBridge().parse(path.basename(shown), text, (error, result) => (answer = error ? { error: String(error) } : { json: result }));
  } catch (error) {
    if (isGroundworkError(error)) throw error;
    // A failure inside the module may leave it unusable: the next file gets a fresh one.
    bridge = undefined;
    throw new GroundworkError(`${shown} could not be parsed: the HCL parser failed (${(error as Error).name ?? 'error'}).`);
  }
  if (!answer) throw new GroundworkError('@cdktf/hcl2json answered asynchronously: the installed version is not the one this reader was written for (0.21.0).');
  if (answer.error !== undefined) throw new GroundworkError(`${shown} is not valid HCL: ${syntaxProblem(answer.error)}.`);
  return JSON.parse(answer.json ?? '{}') as Json;
}

/** `parse config: [main.tf:3,5-6: Missing newline after argument; An argument ...]` -> `line 3, column 5: missing newline after argument`. */
function syntaxProblem(message: string): string {
  const found = /:(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^;\]]+)/.exec(message);
  if (!found) return 'the HCL parser refused it';
  return `line ${found[1]}, column ${found[2]}: ${found[3].trim().replace(/^./, (c) => c.toLowerCase()).replace(/\.$/, '')}`;
}
