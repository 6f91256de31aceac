/**
 * A form action in the MCP server's audit log, one JSON line as a tool call is: who asked (the
 * issue's author), through which form and issue, the arguments the form became, the outcome and
 * the branch and commit (a push: the branch and whether it was created or updated). An unreadable form is recorded with its labels and the body's length.
 */
import { appendAudit, recordable } from '../mcp/audit-log';
import type { FormRequest } from './form-request';

export interface FormFacts {
  readonly mode: string;
  readonly issue?: string;
  readonly author?: string;
  readonly labels?: string;
  readonly body: string;
  readonly request?: FormRequest;
  readonly team?: string;
  readonly branch?: string;
  readonly commit?: string;
}

export function auditForm(file: string, facts: FormFacts, result: { ok: boolean; summary: string }, now: () => Date = () => new Date()): void {
  const { request } = facts;
  appendAudit(file, {
    time: now().toISOString(),
    client: null,
    via: recordable({ issueForm: request?.form.file ?? null, issue: facts.issue ?? null, author: facts.author ?? null, mode: facts.mode }) as Record<string, unknown>,
    scope: facts.team ? [facts.team] : [],
    // As the MCP server names the same steps: the dry run is the form's propose tool, the commit its confirmation.
    tool: facts.mode === 'commit' ? 'confirm_proposal' : facts.mode === 'push' ? 'push_form_branch' : (request?.tool ?? 'issue-form'),
    arguments: request ? request.args : facts.mode === 'push' ? {} : { labels: facts.labels ?? null, body: `<${facts.body.length} characters, not recorded>` },
    result,
    ...(facts.branch ? { branch: facts.branch } : {}),
    ...(facts.commit ? { commit: facts.commit } : {}),
  });
}
