import type { Finding } from '../policy/engine';
import type { PolicyReport } from '../policy/report';
import type { LastAnalysis } from './last-analysis';

export interface GuardrailFilter {
  readonly service?: string;
  readonly severity?: Finding['severity'];
  /** Suppressed findings too (default: open ones only). */
  readonly includeSuppressed?: boolean;
}

export interface GuardrailAnswer {
  readonly summary: PolicyReport['summary'];
  readonly findings: Finding[];
  readonly suppressions: PolicyReport['suppressions'];
}

/** Guardrail findings of the last analysis, filtered, with every suppression and whether it applied. */
export function guardrailFindings(analysis: LastAnalysis, filter: GuardrailFilter): GuardrailAnswer {
  const findings = analysis.policy.findings.filter(
    (f) =>
      (filter.includeSuppressed || !f.suppressed) &&
      (filter.service === undefined || f.service === filter.service) &&
      (filter.severity === undefined || f.severity === filter.severity),
  );
  return { summary: analysis.policy.summary, findings, suppressions: analysis.policy.suppressions };
}
