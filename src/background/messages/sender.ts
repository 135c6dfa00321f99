import type { Runtime } from '../../shared/browser';

/**
 * Only the extension's own pages may talk to the worker: same extension ID, and a URL under the
 * extension's origin (content scripts and other extensions are refused; we have neither, and a web
 * page cannot reach onMessage without externally_connectable, but the check stays explicit).
 */
export function isOwnPage(sender: Runtime.MessageSender, ownId: string, ownOrigin: string): boolean {
  if (sender.id !== ownId) return false;
  if (sender.tab && !sender.url?.startsWith(ownOrigin)) return false;
  return typeof sender.url === 'string' && sender.url.startsWith(ownOrigin);
}
