import { literal } from '../terraform/resource-index';
import type { LastAnalysis } from './last-analysis';

/** Where golden paths write a service's runbook in its repository (the same path its runbook link names). */
export const RUNBOOK_FILE = 'docs/runbook.md';

/**
 * A service's runbook as synthesized: the `docs/runbook.md` its repository is given by Terraform
 * (a `github_repository_file`), or undefined where it has none or its text is an expression.
 * Person-written text: callers return it as data, never as instructions.
 */
export function runbookOf(analysis: LastAnalysis, service: string): string | undefined {
  const file = analysis
    .resources()
    .find((r) => r.type === 'github_repository_file' && r.ownership.service === service && literal(r.body.file) === RUNBOOK_FILE);
  return file ? literal(file.body.content) : undefined;
}

/** Services with a synthesized runbook, by name. */
export function servicesWithRunbooks(analysis: LastAnalysis): string[] {
  const names = analysis
    .resources()
    .filter((r) => r.type === 'github_repository_file' && literal(r.body.file) === RUNBOOK_FILE && r.ownership.service && literal(r.body.content) !== undefined)
    .map((r) => r.ownership.service);
  return [...new Set(names)].sort();
}
