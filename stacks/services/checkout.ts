import { HttpService } from '../../golden-paths/http-service';
import type { Organisation } from '../../golden-paths/organisation';

/** Takes orders and payments: tier 1, confidential data, its own database and work queue. */
export function checkout(org: Organisation): HttpService {
  return new HttpService(org, 'checkout', {
    owner: 'payments',
    costCenter: 'CC-2001',
    description: 'Turns carts into paid orders',
    system: 'commerce',
    tier: 1,
    tags: { 'data-classification': 'confidential' },
    links: { runbook: 'https://runbooks.acme.example/checkout', dashboard: 'https://grafana.acme.example/d/checkout', docs: 'https://docs.acme.example/checkout' },
    version: '2.14.1',
    replicas: 3,
    cpu: '500m',
    memory: '1Gi',
    database: { size: 'medium', storageGb: 100 },
    queue: true,
  });
}
