/**
 * Which ELB TLS policies count as current: the TLS 1.3 families that allow nothing older than
 * TLS 1.2 (`ELBSecurityPolicy-TLS13-1-2-*`) or TLS 1.3 only (`ELBSecurityPolicy-TLS13-1-3-*`), with
 * their Res/Ext, FIPS and post-quantum (PQ) variants. `…-TLS13-1-0-…` and `…-TLS13-1-1-…` still
 * accept TLS 1.0/1.1, and a listener without a policy gets the API default
 * `ELBSecurityPolicy-2016-08` (TLS 1.0): both fail. The constructs and the guardrail share this.
 */
export const CURRENT_TLS_POLICY = /^ELBSecurityPolicy-TLS13-1-[23]-(?:[A-Za-z0-9]+-)*20[0-9]{2}-[0-9]{2}$/;

/** The policy HTTPS listeners get when a service does not choose one. */
export const DEFAULT_TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/** Why a listener's TLS policy is not current, or undefined. */
export function tlsPolicyProblem(policy: unknown): string | undefined {
  if (policy === undefined || policy === null || policy === '') return 'has no TLS policy, so AWS applies ELBSecurityPolicy-2016-08 (TLS 1.0)';
  if (typeof policy !== 'string') return 'has a TLS policy known only after apply';
  return CURRENT_TLS_POLICY.test(policy) ? undefined : `uses the TLS policy ${policy}, which is not one of the ELBSecurityPolicy-TLS13-1-2-* or -TLS13-1-3-* families`;
}
