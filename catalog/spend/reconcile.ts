import { GroundworkError } from '../../model/errors';
import { UNALLOCATED } from '../terraform/ownership-inference';
import type { SpendReport } from './spend';

export interface Reconciliation {
  /** The month compared: the latest month of the billing data. */
  readonly month: string;
  readonly estimateMonthlyUsd: number;
  readonly actualUsd: number;
  readonly services: Array<{
    service: string;
    estimateUsd: number;
    actualUsd: number;
    varianceUsd: number;
    /** Variance as % of the estimate; null when there is no estimate. */
    variancePct: number | null;
    largestContributors: Array<{ billingService: string; amount: number }>;
  }>;
}

interface EstimateReport {
  readonly currency: string;
  readonly total: { monthlyUsd: number };
  readonly byService: Array<{ name: string; monthlyUsd: number }>;
}

const cents = (n: number) => Math.round(n * 100) / 100;

/** The synth-time estimate (cost-report.json) per service against the latest month's actual spend. */
export function reconcile(spend: SpendReport, estimate: EstimateReport): Reconciliation {
  if (spend.currency !== estimate.currency) {
    throw new GroundworkError(`The billing data is in ${spend.currency} but the estimate is in ${estimate.currency}: reconcile after converting the exports to ${estimate.currency}.`);
  }
  const month = spend.months.at(-1);
  if (!month) throw new GroundworkError('The billing data holds no month in the selected range: nothing to reconcile.');
  const estimated = new Map(estimate.byService.filter((r) => r.name !== UNALLOCATED).map((r) => [r.name, r.monthlyUsd]));
  const actual = new Map(spend.byService.filter((r) => r.name !== UNALLOCATED).map((r) => [r.name, r.months[month] ?? 0]));
  const names = [...new Set([...estimated.keys(), ...actual.keys()])];
  const services = names
    .map((service) => {
      const estimateUsd = estimated.get(service) ?? 0;
      const actualUsd = cents(actual.get(service) ?? 0);
      const varianceUsd = cents(actualUsd - estimateUsd);
      return { service, estimateUsd, actualUsd, varianceUsd, variancePct: estimateUsd ? Math.round((1000 * varianceUsd) / estimateUsd) / 10 : null, largestContributors: spend.contributors[service] ?? [] };
    })
    .sort((a, b) => Math.abs(b.varianceUsd) - Math.abs(a.varianceUsd) || (a.service < b.service ? -1 : 1));
  return { month, estimateMonthlyUsd: estimate.total.monthlyUsd, actualUsd: cents(spend.byMonth[month] ?? 0), services };
}
