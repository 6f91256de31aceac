import { createHash } from 'crypto';
import type { StackPlan } from './report-model';

/**
 * A fingerprint per stack of its planned actions (address and action of each change, or its
 * status when not planned): the PR comment records them, and each deploy job stops when the
 * fingerprint of its own stacks' new plans differs, so what was reviewed is what is applied.
 * Per stack, because each environment deploys (and plans again) with its own credentials.
 */
export function planDigests(plans: readonly StackPlan[]): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const p of [...plans].sort((a, b) => (a.stack < b.stack ? -1 : 1))) {
    const lines = p.status === 'planned' ? (p.byService ?? []).flatMap((s) => s.changes.map((c) => `${c.address} ${c.action}`)) : [p.status];
    digests[p.stack] = createHash('sha256').update([...lines].sort().join('\n')).digest('hex');
  }
  return digests;
}
