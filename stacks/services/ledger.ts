import { HttpService } from '../../golden-paths/http-service';
import type { Organisation } from '../../golden-paths/organisation';

/** The payments ledger: restricted data, a large database, exports to a bucket. */
export function ledger(org: Organisation): HttpService {
  return new HttpService(org, 'ledger', {
    owner: 'payments',
    costCenter: 'CC-2002',
    description: 'Double-entry ledger of every payment and refund',
    system: 'commerce',
    tier: 1,
    tags: { 'data-classification': 'restricted' },
    links: { runbook: 'https://runbooks.acme.example/ledger' },
    version: '1.9.0',
    database: { size: 'large', storageGb: 200 },
    bucket: true,
  });
}
