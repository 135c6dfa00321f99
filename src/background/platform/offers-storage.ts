import { browser } from '../../shared/browser';
import type { TenantOffer } from '../../shared/messages/contract';
import type { OfferStore } from '../link/tenant-offers';

// Offers outlive the browser session (storage.local): they name tenants, never tokens.
const KEY = 'tenantOffers';

export const offerStorage: OfferStore = {
  async read() {
    return ((await browser.storage.local.get(KEY))[KEY] as Record<string, TenantOffer> | undefined) ?? {};
  },
  async write(offers) {
    await browser.storage.local.set({ [KEY]: offers });
  },
};
