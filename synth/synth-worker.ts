/**
 * The worker thread of synth/parallel-synth.ts: builds the app from the recipe and synthesizes
 * the second stack group. It always answers, whatever happens (the other thread is blocked
 * waiting for it), so everything that can throw, module loading included, is inside the try.
 */
import { blockingWorkerSide } from '../model/blocking-worker';
import type { SentError, WorkerAnswer, WorkerData } from './parallel-synth';

const { data, answer } = blockingWorkerSide<WorkerData, WorkerAnswer>({ kind: 'crashed', error: { name: 'Error', message: 'The synth worker thread exited before it answered.' } });
const { recipe, outdir } = data;

let sendable = (error: unknown): SentError => ({ name: 'Error', message: String(error) });
try {
  const { App } = require('cdktf') as typeof import('cdktf');
  const fastSynth = (require('./cdktf-seam') as typeof import('./cdktf-seam')).fastPath();
  if (!fastSynth) throw new Error("The synth worker thread found cdktf's own path where the main thread found the fast path.");
  const parallel = require('./parallel-synth') as typeof import('./parallel-synth');
  const { collectGarbage } = require('../model/collect-garbage') as typeof import('../model/collect-garbage');
  sendable = parallel.sendable;
  const app = new App({ outdir });
  parallel.buildFromRecipe(app, recipe);
  const tree = parallel.treeFingerprint(app);
  collectGarbage(); // what construction left behind, before synthesis
  const groups = parallel.stackGroups(fastSynth, fastSynth.stacksOf(app));
  if (!groups) {
    answer({ kind: 'one-group' });
  } else {
    const result = fastSynth.synthesizeStackGroup(app, groups[1]);
    if (result.crossGroupReference) answer({ kind: 'cross-group-reference', reference: result.crossGroupReference });
    else if (result.retryInOrder) answer({ kind: 'synthesized', tree, manifest: {}, retryInOrder: true, expressionProblems: {} });
    else if (result.failure) answer({ kind: 'synthesized', tree, manifest: result.manifest, failure: { ...result.failure, error: sendable(result.failure.error) }, expressionProblems: {} });
    else answer({ kind: 'synthesized', tree, manifest: result.manifest, expressionProblems: parallel.expressionProblems(outdir, result.manifest) });
  }
} catch (error) {
  answer({ kind: 'crashed', error: sendable(error) });
}
