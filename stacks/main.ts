/**
 * The app cdktf runs (`npm run synth`, `cdktf synth|diff|deploy`): synthesizes the organisation
 * into CDKTF_OUTDIR (cdktf.out), then writes the catalog and reports beside it, atomically.
 */
import * as path from 'path';
import { writeAnalysis } from '../catalog/analyse';
import { buildOrganisation } from './app';
import { runMain, synthesizeAtomically } from './synthesize';

/** Usage figures for the cost estimate (usage/defaults.json, usage/<service>.json); cdktf runs the app from the project root. */
const USAGE_FOLDER = path.resolve('usage');

runMain(() => {
  // The analysis runs inside the staging folder: synth and reports land together or not at all.
  synthesizeAtomically((app) => buildOrganisation(app), process.env.CDKTF_OUTDIR ?? 'cdktf.out', (outdir) => writeAnalysis(outdir, { usage: USAGE_FOLDER }));
});
