/**
 * The app cdktf runs (`npm run synth`, `cdktf synth|diff|deploy`): synthesizes the organisation
 * into CDKTF_OUTDIR (cdktf.out), then writes the catalog, cost and policy reports beside it,
 * atomically. Guardrail errors fail the run after the reports are written, so they can be read.
 */
import * as path from 'path';
import { Analysis, writeAnalysis } from '../catalog/analyse';
import { GroundworkError } from '../catalog/errors';
import { policySummary } from '../catalog/policy/report';
import { buildOrganisation } from './app';
import { runMain, synthesizeAtomically } from './synthesize';

/** cdktf runs the app from the project root. */
const USAGE_FOLDER = path.resolve('usage');
const SUPPRESSIONS_FILE = path.resolve('policy-suppressions.yaml');

runMain(() => {
  let analysis: Analysis | undefined;
  const outdir = synthesizeAtomically((app) => buildOrganisation(app), process.env.CDKTF_OUTDIR ?? 'cdktf.out', (staging) => {
    analysis = writeAnalysis(staging, { usage: USAGE_FOLDER, suppressions: SUPPRESSIONS_FILE });
  });
  const policy = analysis!.policy;
  const summary = policySummary(policy);
  if (!policy.summary.passed) throw new GroundworkError(`${summary}\n\nSynth stopped on guardrail errors; the full report is ${path.join(outdir, 'catalog', 'policy.json')}.`);
  process.stdout.write(`${summary}\n`);
});
