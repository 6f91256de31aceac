import { HttpService } from '../../golden-paths/http-service';
import type { Organisation } from '../../golden-paths/organisation';

/** The shop's public API: on the internet behind a load balancer with WAF, held to its SLOs. */
export function shopApi(org: Organisation): HttpService {
  return new HttpService(org, 'shop-api', {
    owner: 'storefront',
    description: 'Public API of the shop: carts, products and orders for web and mobile clients',
    system: 'shop',
    tier: 1,
    tags: { 'data-classification': 'public' },
    version: '1.8.0',
    replicas: 2,
    cpu: '500m',
    memory: '1Gi',
    expose: 'public',
    hostname: 'api',
    paths: ['/v1', '/healthz'],
    slo: { availability: 99.9, latency: { thresholdMs: 300, percent: 99 } },
    calls: ['checkout', 'product-catalog'],  // allowed at both ends; SERVICE_CHECKOUT_URL, SERVICE_PRODUCT_CATALOG_URL
  });
}
