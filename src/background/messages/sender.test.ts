import { describe, expect, it } from 'vitest';
import { isOwnPage } from './sender';

const ID = 'imaoaahfnaagedddnnnfakiglapfloen';
const ORIGIN = `chrome-extension://${ID}/`;

describe('isOwnPage', () => {
  it('accepts the popup and the options page', () => {
    expect(isOwnPage({ id: ID, url: `${ORIGIN}src/popup/index.html` }, ID, ORIGIN)).toBe(true);
    expect(
      isOwnPage({ id: ID, url: `${ORIGIN}src/options/index.html`, tab: { id: 3 } as never }, ID, ORIGIN),
    ).toBe(true);
  });
  it('refuses another extension', () => {
    expect(isOwnPage({ id: 'other', url: `chrome-extension://other/x.html` }, ID, ORIGIN)).toBe(false);
  });
  it('refuses a content script (our ID, but a web page URL in a tab)', () => {
    expect(isOwnPage({ id: ID, url: 'https://evil.example/', tab: { id: 1 } as never }, ID, ORIGIN)).toBe(
      false,
    );
  });
  it('refuses a sender without URL', () => {
    expect(isOwnPage({ id: ID }, ID, ORIGIN)).toBe(false);
  });
});
