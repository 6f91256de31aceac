import { HttpService } from '../../golden-paths/http-service';
import type { Organisation } from '../../golden-paths/organisation';

/** The shop's web front end: stateless, public data, scales wide. */
export function storefrontWeb(org: Organisation): HttpService {
  return new HttpService(org, 'storefront-web', {
    owner: 'storefront',
    description: 'Server-rendered shop front end',
    system: 'shop',
    tier: 2,
    tags: { 'data-classification': 'public' },
    links: { dashboard: 'https://grafana.acme.example/d/storefront-web' },
    version: '5.2.0',
    replicas: 3,
    maxReplicas: 20,
    cpu: '1',
    memory: '1Gi',
    port: 3000,
  });
}
