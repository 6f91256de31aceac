/**
 * synth/cdktf-fast-synth.ts changes how cdktf synthesizes: the output must be byte-identical to
 * cdktf's own path (GROUNDWORK_CDKTF_FAST_SYNTH=0) on the generated organisation the benchmark
 * uses (golden-path services in two environments, cross-stack references between them). The
 * example organisation is compared the same way in catalog.test.ts.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { cleanUp, readTree, tempDir } from './helpers/synth';

afterAll(cleanUp);

const runOne = path.join(__dirname, '../dist/bench/run-one.js');
const synthGenerated = (outdir: string, env: Record<string, string>) => execFileSync('node', [runOne, 'platform', '12', outdir], { env: { ...process.env, ...env }, encoding: 'utf8' });

test('the generated organisation synthesizes byte-identically with and without the fast path, and once', () => {
  const fast = path.join(tempDir(), 'out');
  const slow = path.join(tempDir(), 'out');
  // Once, component by component: a fast path that fell back to cdktf's order would be byte-identical too, only slower.
  const once = JSON.parse(synthGenerated(fast, {}));
  expect(once.guardrailErrors).toBe(0);
  expect(once).not.toHaveProperty('cdktfOrder');
  synthGenerated(slow, { GROUNDWORK_CDKTF_FAST_SYNTH: '0' });
  const fastTree = readTree(fast);
  expect(Object.keys(fastTree)).toEqual(expect.arrayContaining(['manifest.json', 'stacks/production-kubernetes/cdk.tf.json', 'catalog/catalog.json']));
  expect(fastTree).toEqual(readTree(slow));
});

test.each(['1', '2', '4', '5', '6', '7', '5,7'])('with change %s switched off (GROUNDWORK_CDKTF_FAST_SYNTH_WITHOUT, what the bench measures) the output is the same', (without) => {
  const fast = path.join(tempDir(), 'out');
  const partial = path.join(tempDir(), 'out');
  synthGenerated(fast, {});
  expect(JSON.parse(synthGenerated(partial, { GROUNDWORK_CDKTF_FAST_SYNTH_WITHOUT: without }))).not.toHaveProperty('cdktfOrder');
  expect(readTree(partial)).toEqual(readTree(fast));
});
