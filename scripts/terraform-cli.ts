/**
 * Terraform as the scripts run it: no prompts, output captured, a failure as terraform's first
 * error line (one sentence for a report or a refusal, never a wall of box drawing).
 */
import { spawnSync } from 'child_process';

export interface TerraformRun {
  readonly ok: boolean;
  readonly stdout: string;
  /** Terraform's first error line when it failed; empty when it did not. */
  readonly error: string;
}

/** Terraform's first error line (without the box drawing), for the report. */
export function firstError(output: string): string {
  const lines = output.split('\n').map((l) => l.replace(/^[│╷╵\s]+/, '').trim());
  const at = lines.findIndex((l) => l.startsWith('Error:'));
  if (at < 0) return lines.find((l) => l) ?? 'terraform failed without a message';
  // The title, and the first line of its explanation when there is one.
  const detail = lines.slice(at + 1).find((l) => l);
  const text = detail && !detail.startsWith('Error:') ? `${lines[at]} ${detail}` : lines[at];
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

/** Runs terraform in `dir`; never throws for terraform's own failures. */
export function terraform(dir: string, args: string[], env: NodeJS.ProcessEnv): TerraformRun {
  const result = spawnSync('terraform', args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  if (result.error) return { ok: false, stdout: '', error: `terraform could not run: ${result.error.message}` };
  return { ok: result.status === 0, stdout: result.stdout, error: result.status === 0 ? '' : firstError(`${result.stderr}\n${result.stdout}`) };
}

/** The environment every scripted terraform run gets: no prompts, no update checks. */
export function automationEnv(): NodeJS.ProcessEnv {
  return { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
}
