import * as path from 'path';
import { GroundworkError } from '../../model/errors';

/** How the server was started: where it reads, whom it may act for, where it records. */
export interface ServerSettings {
  /** The repository (its committed HEAD is what proposals start from; its working tree is never written). */
  readonly root: string;
  /** The synthesized output whose catalog/ it reads. */
  readonly outdir: string;
  /** Teams whose services the action tools may change; undefined: read-only (no action tools). '*' is every team. */
  readonly teams?: readonly string[];
  /** JSON lines, one per call. */
  readonly auditLog: string;
  /** The audit record's clock (tests fix it). */
  readonly now?: () => Date;
}

/**
 * Settings from the environment an MCP client starts the server with:
 * GROUNDWORK_ROOT (default: the working directory), GROUNDWORK_MCP_OUTPUT (default <root>/cdktf.out),
 * GROUNDWORK_MCP_TEAM (comma-separated teams, or *, that proposals may change; unset: read-only),
 * GROUNDWORK_MCP_AUDIT (default <root>/.groundwork/audit.jsonl).
 */
export function settingsFromEnvironment(env: NodeJS.ProcessEnv, cwd: string): ServerSettings {
  const root = path.resolve(cwd, env.GROUNDWORK_ROOT ?? '.');
  const teams = env.GROUNDWORK_MCP_TEAM?.split(',').map((t) => t.trim()).filter(Boolean);
  if (teams?.some((t) => t !== '*' && !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(t))) {
    throw new GroundworkError(`GROUNDWORK_MCP_TEAM "${env.GROUNDWORK_MCP_TEAM}" must be team names (lowercase letters, digits, hyphens) separated by commas, or *.`);
  }
  return {
    root,
    outdir: path.resolve(root, env.GROUNDWORK_MCP_OUTPUT ?? 'cdktf.out'),
    teams: teams?.length ? teams : undefined,
    auditLog: path.resolve(root, env.GROUNDWORK_MCP_AUDIT ?? path.join('.groundwork', 'audit.jsonl')),
  };
}

/** Refuses, in one sentence, an action on a team the server was not started for. */
export function checkScope(settings: ServerSettings, team: string, what: string): void {
  const teams = settings.teams ?? [];
  if (teams.includes('*') || teams.includes(team)) return;
  throw new GroundworkError(`${what} belongs to team ${team}, and this server may change services of ${teams.join(', ') || 'no team'} only (GROUNDWORK_MCP_TEAM).`);
}
