import '../ui/base.css';
import './popup.css';
import { paintRows, paintShell } from './first-frame/paint';
import { readFirstFrame } from './first-frame/read';

// Marks for `npm run bench`: where an opening's time goes.
performance.mark('page-start');

// The first frame needs only this module and one IndexedDB read: the cached top of the list is on
// screen before the app (preact, the message contract, the search index) is even fetched. The build
// keeps this module whole, with no import of its own to wait for (vite.config.ts). A link from the
// omnibox (?q=, ?entry=) shows something else, so it waits for the app.
const root = document.getElementById('app')!;
const reading = location.search ? undefined : readFirstFrame().catch(() => undefined);
// Laid out while IndexedDB answers, so that only the rows are left to paint when they arrive.
const shell = reading && paintShell(root);
const first = await reading;
if (first && shell) {
  performance.mark('catalog-loaded');
  paintRows(shell, first);
}
// The app's code would otherwise be evaluated before that frame is painted. A page in a background
// tab gets no animation frames at all: the timer sees that it still loads.
if (shell)
  await new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve));
    setTimeout(resolve, 100);
  });
const { mountPopup } = await import('./mount');
await mountPopup(first, shell?.search);
