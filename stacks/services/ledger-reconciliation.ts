import type { Organisation } from '../../golden-paths/organisation';
import { ScheduledJob } from '../../golden-paths/scheduled-job';

/** Nightly reconciliation of the ledger against the payment provider's settlement files. */
export function ledgerReconciliation(org: Organisation): ScheduledJob {
  return new ScheduledJob(org, 'ledger-reconciliation', {
    owner: 'payments',
    costCenter: 'CC-2002',
    description: 'Reconciles the ledger with settlement files every night',
    system: 'commerce',
    tags: { 'data-classification': 'restricted' },
    links: { runbook: 'https://runbooks.acme.example/ledger-reconciliation' },
    version: '2.0.1',
    schedule: '30 2 * * *',
    timeZone: 'Europe/Dublin',
    cpu: '500m',
    memory: '1Gi',
    timeoutSeconds: 5400,
    bucket: true,
  });
}
