import { render } from 'preact';
import { browser } from '../shared/browser';
import { Popup } from './Popup';
import { readSnapshot, type CatalogSnapshot } from './roles/snapshot';
import '../ui/base.css';
import './popup.css';

// Marks for `npm run bench`: where an opening's time goes.
performance.mark('page-start');
document.documentElement.lang = browser.i18n.getUILanguage();

// The cached list is read first and painted in the very first render; a slow database only delays
// it so long, then the popup renders and fills in when the read lands.
const snapshot = await Promise.race([
  readSnapshot({ firstScreen: true }).catch(() => undefined),
  new Promise<CatalogSnapshot | undefined>((resolve) => setTimeout(resolve, 250)),
]);
render(<Popup snapshot={snapshot} />, document.getElementById('app')!);
performance.mark('popup-rendered');
