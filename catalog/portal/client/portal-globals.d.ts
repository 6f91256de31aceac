// What the page's scripts share, typed from the contract the portal's data is made by
// (catalog/portal/portal-data.ts): `npm run typecheck` checks portal.js (// @ts-check) against it.
import type { PortalData } from '../portal-data';

declare global {
  /** client/unpack.js, inlined ahead of portal.js as one script. */
  function unpackPortalData(packed: unknown): PortalData;
}
