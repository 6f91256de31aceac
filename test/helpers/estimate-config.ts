/** Estimates a hand-written Terraform JSON configuration, as `npm run cost` would, with the shipped price tables. */
import * as fs from 'fs';
import * as path from 'path';
import { estimate, Estimate } from '../../catalog/cost/estimate';
import { loadPriceTables } from '../../catalog/cost/price-table';
import { Usage } from '../../catalog/cost/usage';
import { readTerraformOutput } from '../../catalog/terraform/terraform-output';
import { tempDir } from './synth';

const tables = loadPriceTables();

/** Estimates one main.tf.json in a fresh folder, with usage/defaults.json holding `usage` and `more` (free tiers off: the figures are list prices). */
export function estimateOf(config: object, usage: object = {}, more: object = {}): Estimate {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(config));
  const usageDir = path.join(tempDir(), 'usage');
  fs.mkdirSync(usageDir);
  fs.writeFileSync(path.join(usageDir, 'defaults.json'), JSON.stringify({ usage, ...more }));
  return estimate(readTerraformOutput(dir), { tables, usage: Usage.load(usageDir), freeTiers: false });
}
export const lineOf = (e: Estimate, address: string) => e.lines.find((l) => l.address === address);
export const reasonOf = (e: Estimate, address: string) => e.notPriced.find((n) => n.address === address)?.reason;
/** Each component of a resource's line: [price key, quantity, unit price, monthly cents]. */
export const items = (e: Estimate, address: string) => lineOf(e, address)?.components.map((c) => [c.item, c.quantity, c.unitUsd, c.monthlyCents]);
