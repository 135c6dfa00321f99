import '../ui/base.css';
import './popup.css';
import { paintFirstFrame } from './first-frame/paint';
import { readFirstFrame } from './first-frame/read';

// Marks for `npm run bench`: where an opening's time goes.
performance.mark('page-start');

// The first frame needs only this small module and one IndexedDB read: the cached top of the list
// is on screen while the app (preact, the message contract, the search index) still loads. A link
// from the omnibox (?q=, ?entry=) shows something else, so it waits for the app.
const root = document.getElementById('app')!;
const first = location.search ? undefined : await readFirstFrame().catch(() => undefined);
if (first) performance.mark('catalog-loaded');
const typed = first ? paintFirstFrame(root, first) : undefined;
const { mountPopup } = await import('./mount');
await mountPopup(first, typed);
