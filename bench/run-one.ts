/**
 * One measured run in a fresh process: `node dist/bench/run-one.js <platform|bare|analysis> <services> <outdir>`.
 * Prints one JSON line: wall time since the process started and peak resident memory.
 */
import * as fs from 'fs';
import { performance } from 'perf_hooks';
import { App } from 'cdktf';

const [mode, countText, outdir] = process.argv.slice(2);
const count = Number(countText);

function report(extra: Record<string, unknown> = {}): void {
  // performance.now() counts from process start: module loading is part of the cost.
  process.stdout.write(`${JSON.stringify({ mode, count, ms: Math.round(performance.now()), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), ...extra })}\n`);
}

if (mode === 'platform') {
  const { enableFastSynth } = require('../stacks/cdktf-fast-synth');
  enableFastSynth();
  const { buildPlatformOrganisation } = require('./generated-organisation');
  const { synthesizeAtomically } = require('../stacks/synthesize');
  const { writeAnalysis } = require('../catalog/analyse');
  let errors = -1;
  synthesizeAtomically((app: App) => buildPlatformOrganisation(app, count), outdir, (dir: string) => {
    errors = writeAnalysis(dir).policy.summary.errors;
  });
  report({ guardrailErrors: errors });
} else if (mode === 'bare') {
  const { buildBareOrganisation } = require('./bare-organisation');
  fs.rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir });
  buildBareOrganisation(app, count);
  app.synth();
  report();
} else if (mode === 'analysis') {
  const { analyse } = require('../catalog/analyse');
  const start = performance.now();
  const { catalog, cost, policy } = analyse(outdir);
  const analysisMs = Math.round(performance.now() - start);
  report({ analysisMs, entities: catalog.entities.length, pricedResources: cost.total.pricedResources, findings: policy.findings.length });
} else {
  throw new Error(`unknown mode ${mode}`);
}
