/**
 * One measured run in a fresh process: `node dist/bench/run-one.js <platform|bare|analysis> <services> <outdir>`,
 * or `node dist/bench/run-one.js plan <plan.json> <outdir>`.
 * Prints one JSON line: wall time since the process started, CPU time (user + system, all threads:
 * the wall time on a machine others share is noisy) and peak resident memory.
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App } from 'cdktf';
import type { ParsedFiles } from '../model/parsed-files';

const [mode, countText, outdir] = process.argv.slice(2);
const count = Number(countText);

function report(extra: Record<string, unknown> = {}): void {
  // performance.now() counts from process start: module loading is part of the cost.
  process.stdout.write(`${JSON.stringify({ mode, count, ms: Math.round(performance.now()), cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), ...extra })}\n`);
}

if (mode === 'platform') {
  require('../synth/cdktf-seam').fastPath();
  const { synthesizeAtomically } = require('../synth/synthesize');
  const { writeAnalysis } = require('../catalog/analyse');
  let errors = -1;
  const { cdktfOrder } = synthesizeAtomically({ module: require.resolve('./generated-organisation'), exportName: 'buildPlatformOrganisation', args: [count] }, outdir, (dir: string, parsed: ParsedFiles) => {
    errors = writeAnalysis(dir, {}, parsed).policy.summary.errors;
  });
  report({ guardrailErrors: errors, ...(cdktfOrder ? { cdktfOrder } : {}) });
} else if (mode === 'bare') {
  const { buildBareOrganisation } = require('./bare-organisation');
  fs.rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir });
  buildBareOrganisation(app, count);
  app.synth();
  report();
} else if (mode === 'analysis') {
  const { writeAnalysis } = require('../catalog/analyse');
  // The floor: parse every stack's JSON and write it back, nothing else (in the same process, first).
  const floorStart = performance.now();
  const stacks = path.join(outdir, 'stacks');
  for (const stack of fs.readdirSync(stacks)) {
    const json = JSON.parse(fs.readFileSync(path.join(stacks, stack, 'cdk.tf.json'), 'utf8'));
    fs.writeFileSync(path.join(stacks, stack, 'floor.json'), JSON.stringify(json));
    fs.rmSync(path.join(stacks, stack, 'floor.json'));
  }
  const floorMs = Math.round(performance.now() - floorStart);
  const start = performance.now();
  const { catalog, cost, policy } = writeAnalysis(outdir);
  const analysisMs = Math.round(performance.now() - start);
  report({ analysisMs, floorMs, entities: catalog.entities.length, pricedResources: cost.total.pricedResources, findings: policy.findings.length });
} else if (mode === 'plan') {
  // `node dist/bench/run-one.js plan <plan.json> <outdir>`: the analysis of one plan, as npm run catalog -- --plan runs it.
  const { writeAnalysis } = require('../catalog/analyse');
  const start = performance.now();
  const { catalog } = writeAnalysis(outdir, { plan: countText });
  report({ analysisMs: Math.round(performance.now() - start), resources: catalog.summary.terraformResources, catalogBytes: fs.statSync(path.join(outdir, 'catalog', 'catalog.json')).size });
} else {
  throw new Error(`unknown mode ${mode}`);
}
