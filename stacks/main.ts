/**
 * The app cdktf runs (`npm run synth`, `cdktf synth|diff|deploy`): synthesizes the organisation
 * into CDKTF_OUTDIR (cdktf.out), then writes the catalog beside it, atomically.
 */
import { writeAnalysis } from '../catalog/analyse';
import { buildOrganisation } from './app';
import { runMain, synthesizeAtomically } from './synthesize';

runMain(() => {
  // The catalog step runs inside the staging folder: synth and analysis land together or not at all.
  synthesizeAtomically((app) => buildOrganisation(app), process.env.CDKTF_OUTDIR ?? 'cdktf.out', writeAnalysis);
});
