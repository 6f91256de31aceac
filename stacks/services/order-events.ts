import type { Organisation } from '../../golden-paths/organisation';
import { Worker } from '../../golden-paths/worker';

/** Consumes order events: emails receipts and updates the ledger, scaled by queue depth. */
export function orderEvents(org: Organisation): Worker {
  return new Worker(org, 'order-events', {
    owner: 'payments',
    costCenter: 'CC-2001',
    description: 'Processes order events from checkout',
    system: 'commerce',
    tier: 2,
    tags: { 'data-classification': 'confidential' },
    links: { runbook: 'https://runbooks.acme.example/order-events', docs: 'https://docs.acme.example/order-events' },
    version: '1.3.0',
    queue: { visibilityTimeoutSeconds: 120, maxReceiveCount: 4 },
    messagesPerReplica: 50,
  });
}
