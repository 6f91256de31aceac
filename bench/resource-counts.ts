import * as fs from 'fs';
import * as path from 'path';

/** Resource count per type over every stack of a synth output directory, sorted by type: bare cdktf and the platform must create the same things. */
export function resourceCounts(outdir: string): Record<string, number> {
  const counts: Record<string, number> = {};
  const stacks = path.join(outdir, 'stacks');
  for (const stack of fs.readdirSync(stacks)) {
    const json = JSON.parse(fs.readFileSync(path.join(stacks, stack, 'cdk.tf.json'), 'utf8'));
    for (const [type, byName] of Object.entries<Record<string, unknown>>(json.resource ?? {})) counts[type] = (counts[type] ?? 0) + Object.keys(byName).length;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}
