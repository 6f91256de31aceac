/**
 * Synthesis on two cores, where GROUNDWORK_SYNTH_THREADS=2 asks for it: the app is built in this
 * thread and in one worker thread from the same recipe; each synthesizes one group of stacks
 * (stacks/cdktf-fast-synth.ts, change 4) and this thread writes the manifest. Output is
 * byte-identical to one thread (tested); where it cannot be (a cross-stack reference between
 * groups), it starts over in one thread. The caller blocks, as App.synth does (model/blocking-worker.ts).
 * One thread is the default: on a machine with two cores, two threads were barely faster (one thread
 * already keeps about 1.3 cores busy with garbage collection beside it) and held a second
 * construct tree (docs/platform-engineers.md, Performance).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { App, StackManifest, TerraformStack } from 'cdktf';
import { startBlockingWorker } from '../model/blocking-worker';
import { collectGarbage } from '../model/collect-garbage';
import { GroundworkError, isGroundworkError } from '../model/errors';
import type { ParsedFiles } from '../model/parsed-files';
import { checkPlatformExpressions, stackExpressionProblems, throwOnExpressionProblems } from './expression-check';
import { AGAIN_FOR_AN_ERROR, componentsOf, fastSynthEnabled, finishSynth, GroupFailure, releaseTokensSince, stacksOf, synthesizeApp, synthesizeStackGroup, tokenMark, undeclaredReference } from './cdktf-fast-synth';

/** How to build the app, by module and exported function, so that a worker thread can build the same app. */
export interface AppRecipe {
  /** Absolute path of the module (require.resolve). */
  readonly module: string;
  readonly exportName: string;
  /** Arguments after the app: plain values only, they cross to the worker. */
  readonly args?: ReadonlyArray<string | number | boolean>;
}

/** What the worker thread sends back. */
export type WorkerAnswer =
  | {
      readonly kind: 'synthesized';
      readonly tree: string;
      /** The worker's group failed component by component: the error is found again in cdktf's order. */
      readonly retryInOrder?: true;
      readonly manifest: Record<string, StackManifest>;
      readonly failure?: SentFailure;
      /** stacks/expression-check.ts's findings on the worker's stacks, by stack. */
      readonly expressionProblems: Record<string, string[]>;
    }
  | { readonly kind: 'cross-group-reference'; readonly reference: string }
  | { readonly kind: 'one-group' }
  | { readonly kind: 'crashed'; readonly error: SentError };

export interface SentError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly problems?: readonly string[];
  readonly outputWritten?: boolean;
}
type SentFailure = Omit<GroupFailure, 'error'> & { readonly error: SentError };

export interface WorkerData {
  readonly recipe: AppRecipe;
  readonly outdir: string;
}

const WORKER_FILE = path.join(__dirname, 'synth-worker.js');

export function buildFromRecipe(app: App, recipe: AppRecipe): void {
  const build = require(recipe.module)[recipe.exportName] as unknown;
  if (typeof build !== 'function') throw new Error(`${recipe.module} exports no function ${recipe.exportName}.`);
  build(app, ...(recipe.args ?? []));
}

/**
 * The construct paths of the app as built (preparing adds some), hashed: the worker's tree must
 * be this thread's. An app whose recipe is not the whole story (a script that changed module
 * state before synth) builds a different tree in the worker, and synthesis starts over in one thread.
 */
export function treeFingerprint(app: App): string {
  const hash = createHash('sha256');
  for (const c of app.node.findAll()) hash.update(`${c.node.path}\n`);
  return hash.digest('hex');
}

/** GROUNDWORK_SYNTH_THREADS: 1 (the default) or 2; anything else is refused rather than half-obeyed. */
export function threadsSetting(): 1 | 2 {
  const value = process.env.GROUNDWORK_SYNTH_THREADS;
  if (value === undefined || value === '' || value === '1') return 1;
  if (value === '2') return 2;
  throw new GroundworkError(`GROUNDWORK_SYNTH_THREADS is ${JSON.stringify(value)}: it must be 1 (one thread, the default) or 2 (two threads).`);
}

/** Two threads pay off only on the compiled code (a worker runs JavaScript) with the fast path on. */
function parallelAvailable(): boolean {
  return fastSynthEnabled() && threadsSetting() === 2 && fs.existsSync(WORKER_FILE);
}

/**
 * The stacks in two groups for two threads: connected components of the stacks' declared
 * dependencies (cross-stack references must stay inside a group), packed by construct count, the
 * heavier group first (for this thread: the worker starts later). Undefined when there is only one component.
 */
export function stackGroups(stacks: readonly TerraformStack[]): [Set<string>, Set<string>] | undefined {
  const components = componentsOf(stacks).map((component) => ({ paths: component.map((s) => s.node.path), weight: component.reduce((sum, s) => sum + s.node.findAll().length, 0) }));
  if (components.length < 2) return undefined;
  // Stable sort: equal weights keep stack order, so both threads compute the same groups.
  const bins = [{ paths: new Set<string>(), weight: 0 }, { paths: new Set<string>(), weight: 0 }];
  for (const c of [...components].sort((a, b) => b.weight - a.weight)) {
    const bin = bins[0].weight <= bins[1].weight ? bins[0] : bins[1];
    c.paths.forEach((p) => bin.paths.add(p));
    bin.weight += c.weight;
  }
  bins.sort((a, b) => b.weight - a.weight);
  return [bins[0].paths, bins[1].paths];
}

/** How many threads synthesized the app, and why only one where two were asked for. */
export type ThreadUse = { readonly threads: 2 } | { readonly threads: 1; readonly reason?: string };

/** What synthesis did: the threads it used, and the stacks this thread parsed to check them (the analysis reads them from there). */
export interface Synthesized {
  readonly threads: ThreadUse;
  /** Why one thread synthesized the app a second time, in cdktf's order; undefined where once was enough. */
  readonly cdktfOrder?: string;
  readonly parsed: ParsedFiles;
}

/** Synthesizes the app the recipe builds into `outdir`, in two threads where asked for and possible, and checks its expressions (each thread its own stacks). */
export function synthesizeRecipe(recipe: AppRecipe, outdir: string): Synthesized {
  // The app never leaves this function: its tokens can go with it, and the tree with them.
  const mark = tokenMark();
  try {
    const parsed = new Map<string, unknown>();
    const use: ThreadUse = parallelAvailable() ? synthesizeInTwoThreads(recipe, outdir, parsed) : singleThread();
    if (use.threads === 1) {
      // Component by component first; where that cannot say what cdktf would (an error, an undeclared reference), in cdktf's order.
      let cdktfOrder: string | undefined;
      for (const order of ['by-component', 'cdktf'] as const) {
        for (const entry of fs.readdirSync(outdir)) fs.rmSync(path.join(outdir, entry), { recursive: true, force: true });
        const app = new App({ outdir });
        buildFromRecipe(app, recipe);
        collectGarbage();
        const synthesis = synthesizeApp(app, order);
        if (synthesis === 'done') break;
        cdktfOrder = synthesis.againInCdktfOrder;
      }
      return { threads: use, cdktfOrder, parsed: checkPlatformExpressions(outdir) };
    }
    return { threads: use, parsed };
  } finally {
    releaseTokensSince(mark);
  }
}

/** One thread: the default, or why not the two asked for. */
function singleThread(): ThreadUse {
  if (threadsSetting() === 1) return { threads: 1 };
  if (!fastSynthEnabled()) return { threads: 1, reason: 'GROUNDWORK_CDKTF_FAST_SYNTH=0' };
  return { threads: 1, reason: 'not compiled (a worker thread runs the compiled JavaScript)' };
}

/** Both groups synthesized, or why the app must be synthesized again in one thread (nothing usable was written). */
function synthesizeInTwoThreads(recipe: AppRecipe, outdir: string, parsed: Map<string, unknown>): ThreadUse {
  // The app creates the stacks folder before the worker starts: they never race to create it.
  const app = new App({ outdir });
  const worker = startBlockingWorker<WorkerData, WorkerAnswer>(WORKER_FILE, { recipe, outdir });
  try {
    buildFromRecipe(app, recipe);
    const tree = treeFingerprint(app);
    collectGarbage(); // what construction left behind, before synthesis
    const groups = stackGroups(stacksOf(app));
    const mine = groups ? synthesizeStackGroup(app, groups[0]) : undefined;
    const answer = worker.answer();
    if (!answer) throw new Error('The synth worker thread stopped without an answer.');
    // This thread built the app: whatever stopped the worker (state the recipe does not carry), one thread can do it.
    if (answer.kind === 'crashed') return { threads: 1, reason: `the worker thread stopped: ${answer.error.message.split('\n')[0]}` };
    if (!mine || answer.kind === 'one-group') return { threads: 1, reason: 'its stacks form one group (connected by dependencies)' };
    if (mine.retryInOrder || (answer.kind === 'synthesized' && answer.retryInOrder)) return { threads: 1, reason: AGAIN_FOR_AN_ERROR };
    const reference = mine.crossGroupReference ?? (answer.kind === 'cross-group-reference' ? answer.reference : undefined);
    if (reference) return { threads: 1, reason: undeclaredReference(reference) };
    if (answer.kind !== 'synthesized' || answer.tree !== tree) return { threads: 1, reason: 'the worker thread built a different construct tree from the recipe' };
    const failure = [mine.failure, answer.failure && { ...answer.failure, error: revive(answer.failure.error) }]
      .filter((f): f is GroupFailure => Boolean(f))
      .sort((a, b) => (a.phase === b.phase ? a.stackIndex - b.stackIndex : a.phase === 'prepare' ? -1 : 1))[0];
    if (failure) throw failure.error;
    finishSynth(app, answer.manifest);
    throwOnExpressionProblems(new Map([...Object.entries(expressionProblems(outdir, mine.manifest, parsed)), ...Object.entries(answer.expressionProblems)]));
    return { threads: 2 };
  } finally {
    // On an early failure the worker may still be writing into outdir, which the caller removes: stop waits for it.
    worker.stop();
  }
}

/** The expression check of a group's synthesized stacks, by stack. */
export function expressionProblems(outdir: string, manifest: Record<string, StackManifest>, parsed?: Map<string, unknown>): Record<string, string[]> {
  return Object.fromEntries(Object.keys(manifest).map((stack) => [stack, stackExpressionProblems(outdir, stack, parsed)]));
}

/** An error as it can cross to another thread (structured clone keeps neither subclasses nor their fields). */
export function sendable(error: unknown): SentError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  return isGroundworkError(error)
    ? { name: error.name, message: error.message, stack: error.stack, problems: error.problems, outputWritten: error.outputWritten }
    : { name: error.name, message: error.message, stack: error.stack };
}

function revive(sent: SentError): Error {
  const error = sent.name === 'GroundworkError' ? Object.assign(new GroundworkError(sent.message, [], { outputWritten: sent.outputWritten }), { problems: sent.problems ?? [] }) : new Error(sent.message);
  error.name = sent.name;
  if (sent.stack) error.stack = sent.stack;
  return error;
}
