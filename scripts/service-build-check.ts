/**
 * Whether a service file's text (edited in memory, not yet written) builds as synth builds it:
 * the file is compiled and its service made in a fresh Organisation from the project's settings,
 * so the golden path's props validation and every construct's own rules (replicas within
 * maxReplicas, ...) run exactly as at synth. Nothing is written but a temporary, empty outdir.
 */
import * as fs from 'fs';
import { createRequire, wrap } from 'module';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import * as ts from 'typescript';
import { App } from 'cdktf';
import { isGroundworkError } from '../model/errors';
import { Organisation } from '../golden-paths/organisation';
import type { OrganisationSettings } from '../model/organisation-settings';

/** Where the compiled project lives: the edited file resolves its imports against it, as if built there. */
const COMPILED_ROOT = path.join(__dirname, '..');

const withoutStop = (sentence: string) => sentence.trim().replace(/\.$/, '');

/** The file's exports, compiled from its text as if it stood at its place in the compiled project. */
function compile(file: string, text: string): Record<string, unknown> {
  const output = ts.transpileModule(text, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const syntax = output.diagnostics?.[0];
  if (syntax) throw new Error(`it does not parse: ${ts.flattenDiagnosticMessageText(syntax.messageText, ' ')}`);
  const filename = path.join(COMPILED_ROOT, file.replace(/\.ts$/, '.js'));
  const module = { exports: {} as Record<string, unknown> };
  const run = vm.runInThisContext(wrap(output.outputText), { filename }) as (...args: unknown[]) => void;
  run(module.exports, createRequire(filename), module, filename, path.dirname(filename));
  return module.exports;
}

/**
 * Why the service that `functionName` of the file makes would stop synth, in one clause, or
 * undefined when it builds.
 */
export function buildProblem(settings: OrganisationSettings, settingsFile: string, file: string, functionName: string, text: string): string | undefined {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'groundwork-ops-check-'));
  try {
    const make = compile(file, text)[functionName];
    if (typeof make !== 'function') return `it does not export the function ${functionName}`;
    make(new Organisation(new App({ outdir }), settings, settingsFile));
    return undefined;
  } catch (error) {
    if (isGroundworkError(error)) return error.problems.length ? error.problems.map(withoutStop).join('; ') : withoutStop(error.message);
    return withoutStop((error instanceof Error ? error.message : String(error)).split('\n')[0]);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
