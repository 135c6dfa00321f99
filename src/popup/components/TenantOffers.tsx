import { t } from '../../shared/i18n';
import type { TenantOffer } from '../../shared/messages/contract';
import { send } from '../../shared/messages/client';

interface Props {
  offers: TenantOffer[];
  act(request: Promise<unknown>): Promise<void>;
  canAdd: boolean;
}

/**
 * The account's other tenants (ARM `GET /tenants`), each linked in one click with the same app
 * registration, which works only where that tenant has it (consented, or a multi-tenant app an admin
 * approves): the note says so before the click, and a refusal comes back with the admin's link.
 */
export function TenantOffers({ offers, act, canAdd }: Props) {
  if (!offers.length || !canAdd) return null;
  return (
    <section aria-labelledby="offers-heading" class="offers">
      <h2 id="offers-heading">{t('offersHeading')}</h2>
      <ul class="connections">
        {offers.map((offer) => (
          <li key={offer.tenantId} class="offer" data-offer={offer.tenantId}>
            <div class="connection-head">
              <strong>{offer.displayName}</strong>
              <span class="muted tenant">
                {t('offerVia', [offer.defaultDomain ?? offer.tenantId, offer.viaUsername])}
              </span>
            </div>
            <p class="muted offer-note">{t('offerConsentNote')}</p>
            <button
              type="button"
              class="primary offer-link"
              onClick={() => act(send({ type: 'offer.accept', tenantId: offer.tenantId }))}
            >
              {t('offerLink')}
            </button>{' '}
            <button
              type="button"
              class="offer-dismiss"
              onClick={() => act(send({ type: 'offer.dismiss', tenantId: offer.tenantId }))}
            >
              {t('offerDismiss')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
