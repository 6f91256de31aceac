import { HttpService } from '../../golden-paths/http-service';
import type { Organisation } from '../../golden-paths/organisation';

/** Products, prices and images: a small database and an image bucket. */
export function productCatalog(org: Organisation): HttpService {
  return new HttpService(org, 'product-catalog', {
    owner: 'storefront',
    description: 'Products, prices and product images',
    system: 'shop',
    tier: 2,
    version: '3.0.4',
    database: { size: 'small' },
    bucket: true,
  });
}
