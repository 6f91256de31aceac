/**
 * The app cdktf runs (`npm run synth`, `cdktf synth|diff|deploy`): synthesizes the organisation
 * into CDKTF_OUTDIR (cdktf.out), then writes the catalog, cost and policy reports beside it,
 * atomically. Guardrail errors fail the run after the reports are written, so they can be read
 * (unless GROUNDWORK_GUARDRAIL_ERRORS=report, for a caller that reports them itself).
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { SPEND_FOLDER, writeAnalysis, WrittenAnalysis } from '../catalog/analyse';
import { GroundworkError } from '../model/errors';
import { policySummary } from '../catalog/policy/report';
import { writeOut } from '../model/terminal-text';
import { fastPath } from '../synth/cdktf-seam';
import { runMain, synthesizeAtomically } from '../synth/synthesize';

runMain(() => {
  fastPath(); // before the app is built: change 1 is about the tokens construction makes
  let analysis: WrittenAnalysis | undefined;
  const target = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  const { outdir, cdktfOrder } = synthesizeAtomically({ module: require.resolve('./app'), exportName: 'buildOrganisation' }, target, (staging, parsed) => {
    // Actual spend comes from billing data, not from synth: keep the last `npm run spend` result.
    const spend = path.join(target, SPEND_FOLDER);
    if (fs.existsSync(spend)) fs.cpSync(spend, path.join(staging, SPEND_FOLDER), { recursive: true });
    // cdktf runs the app from the project root: the analysis takes its default inputs from there.
    analysis = writeAnalysis(staging, {}, parsed);
  });
  const policy = analysis!.policy;
  const summary = policySummary(policy);
  // GROUNDWORK_GUARDRAIL_ERRORS=report (npm run review): the reports are what is wanted; the caller judges them.
  if (!policy.summary.passed && process.env.GROUNDWORK_GUARDRAIL_ERRORS !== 'report') {
    throw new GroundworkError(`${summary}\n\nSynth stopped on guardrail errors; the full report is ${path.join(outdir, 'catalog', 'policy.json')}.`, [], { outputWritten: true });
  }
  writeOut(`${summary}\n`);
  // One line a user sees grow: time since the app's process started (module loading included).
  const { services, terraformResources } = analysis!.catalog.summary;
  // Synthesized twice: slower, and the user can often fix why.
  const twice = cdktfOrder ? ` (synthesized twice, the second time in cdktf's order, because of ${cdktfOrder})` : '';
  writeOut(`Synthesized ${services} services, ${terraformResources} resources in ${(performance.now() / 1000).toFixed(1)} s${twice}.\n`);
});
