/**
 * A form's change proposed and committed by the MCP server's own action tools and proposals: the
 * tool's argument schema, its scope check (the team the workflow found the author in), its dry run
 * in a temporary worktree, and the confirmation that commits on a new branch.
 */
import * as path from 'path';
import { GroundworkError } from '../../model/errors';
import { actionTools, serviceOwner } from '../mcp/action-tools';
import { Committed, DryRun, Proposals } from '../mcp/proposals';
import { argumentProblem, ToolContext } from '../mcp/tool-spec';
import type { FormRequest } from './form-request';

/** Who asked, for the commit message. */
export interface FormOrigin {
  readonly issue: number;
  readonly author: string;
}

/** The team a form's change belongs to: the new service's owner, or the owner of the service it changes. */
export function teamOf(root: string, request: FormRequest): string {
  return 'service' in request.args ? serviceOwner(root, request.args.service as string) : (request.args.owner as string);
}

/** The branch an issue's form commits on: the issue's own, so that an edited form updates it. */
export const formBranch = (issue: number): string => `form/issue-${issue}`;

/** The trailer every form commit ends with: how a re-run knows the branch's tip is its issue's own. */
export const formTrailer = (issue: number): string => `Groundwork-Issue-Form: ${issue}`;

/** The form's change as a dry run, through its MCP tool, scoped to `teams` (analyse: with its cost and guardrail result). */
export async function dryRunOf(root: string, request: FormRequest, teams: readonly string[], analyse = true): Promise<{ dryRun: DryRun; proposals: Proposals }> {
  const proposals = new Proposals(root, { analyse });
  const settings = { root, outdir: path.join(root, 'cdktf.out'), teams, auditLog: path.join(root, '.groundwork', 'audit.jsonl') };
  const tool = actionTools(settings, proposals).find((t) => t.name === request.tool)!;
  const parsed = tool.input.safeParse(request.args);
  if (!parsed.success) throw new GroundworkError(argumentProblem(`The ${request.form.name} form`, parsed.error));
  const context: ToolContext = { record: () => undefined, commitMessage: () => '' };
  const answer = (await tool.run(parsed.data, context)) as { dryRun: DryRun };
  return { dryRun: answer.dryRun, proposals };
}

/**
 * Proposes and commits the form's change, as confirm_proposal does, on the issue's own branch
 * (moved to the new commit when an edited form runs again). The pull request's checks show cost
 * and guardrails, so this dry run skips the synth.
 */
export async function commitForm(root: string, request: FormRequest, team: string, origin: FormOrigin): Promise<Committed & { title: string }> {
  const { dryRun, proposals } = await dryRunOf(root, request, [team], false);
  const message = (d: DryRun) => [d.title, '', `${d.summary}.`, '', `Requested by @${origin.author} in issue #${origin.issue} (the ${request.form.name} issue form).`, '', formTrailer(origin.issue), ''].join('\n');
  return { ...proposals.confirm(dryRun.id, message, { branch: formBranch(origin.issue), replace: true }), title: dryRun.title };
}
