import type { Organisation } from '../../golden-paths/organisation';
import { checkout } from './checkout';
import { helpCenter } from './help-center';
import { ledger } from './ledger';
import { ledgerReconciliation } from './ledger-reconciliation';
import { notifications } from './notifications';
import { orderEvents } from './order-events';
import { productCatalog } from './product-catalog';
import { recommendations } from './recommendations';
import { shopApi } from './shop-api';
import { storefrontWeb } from './storefront-web';
import { supportAnswers } from './support-answers';

/** Every service of the organisation. `npm run new-service` adds to this list. */
export const services: ReadonlyArray<(org: Organisation) => unknown> = [
  checkout,
  helpCenter,
  ledger,
  ledgerReconciliation,
  notifications,
  orderEvents,
  productCatalog,
  recommendations,
  shopApi,
  storefrontWeb,
  supportAnswers,
];
