/**
 * The app cdktf runs (`npm run synth`, `cdktf synth|diff|deploy`): synthesizes the organisation
 * into CDKTF_OUTDIR (cdktf.out), atomically.
 */
import { buildOrganisation } from './app';
import { runMain, synthesizeAtomically } from './synthesize';

runMain(() => {
  synthesizeAtomically((app) => buildOrganisation(app), process.env.CDKTF_OUTDIR ?? 'cdktf.out');
});
