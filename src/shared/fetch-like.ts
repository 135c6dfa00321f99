/**
 * The fetch every request function takes, so tests can hand in a plain function. It is called
 * detached (`f(url, init)`) so that passing the global `fetch` works; calling it as a method of an
 * options object throws "Illegal invocation" in browsers.
 */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;
