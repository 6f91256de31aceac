/**
 * `npm run catalog -- <dir>`: builds cdktf.out/catalog (catalog.json, Backstage entities) from a
 * synthesized output directory or any folder of Terraform JSON, without cdktf.
 */
import * as path from 'path';
import { Command } from 'commander';
import { writeAnalysis } from '../catalog/analyse';
import { runCommand } from '../model/run-command';

runCommand(() => {
  const program = new Command('catalog')
    .description('Build the service catalog and Backstage entities from synthesized Terraform JSON')
    .argument('[dir]', 'cdktf output directory, or a folder of .tf.json files', 'cdktf.out')
    .parse();
  const dir = program.args[0] ?? 'cdktf.out';
  const { catalog, files } = writeAnalysis(dir);
  const s = catalog.summary;
  console.log(`Catalog of ${s.services} services, ${s.teams} teams, ${s.resources} resources (${s.terraformResources} Terraform resources, ${s.unownedTerraformResources} without an owning service).`);
  console.log(`Wrote ${files.size} files to ${path.join(dir, 'catalog')}.`);
});
