import type { Organisation } from '../../golden-paths/organisation';
import { checkout } from './checkout';
import { ledger } from './ledger';
import { notifications } from './notifications';
import { productCatalog } from './product-catalog';
import { recommendations } from './recommendations';
import { storefrontWeb } from './storefront-web';

/** Every service of the organisation. `npm run new-service` adds to this list. */
export const services: ReadonlyArray<(org: Organisation) => unknown> = [
  checkout,
  ledger,
  notifications,
  productCatalog,
  recommendations,
  storefrontWeb,
];
