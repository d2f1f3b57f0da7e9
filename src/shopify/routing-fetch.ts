// Pointing @shopify/shopify-api at SHOPIFY_ADMIN_API_URL.
//
// The SDK always builds `https://{shop}/admin/api/...` and sends it through one process-global
// fetch function (setAbstractFetchFunc). A global can hold only one origin, but several clients
// may live in one process (tests run many fakes at once), so the global here is a stateless
// router: each client that wants another origin adds it to its own requests in a private header;
// the router strips that header and rewrites the URL. Requests without it go out untouched.
import { setAbstractFetchFunc } from '@shopify/shopify-api/runtime';

/** Never leaves the process: removed before the request is sent. */
export const ORIGIN_HEADER = 'x-handoff-shopify-origin';

type FetchArgs = Parameters<typeof fetch>;

/** Rewrite `https://shop.myshopify.com/admin/api/...` onto `origin` (which may carry a path prefix). */
export function rewriteOrigin(url: string, origin: string): string {
  const from = new URL(url);
  const to = origin.replace(/\/+$/, '');
  return `${to}${from.pathname}${from.search}`;
}

/** Take the routing header out of a request's headers, whatever form they come in. */
function takeOrigin(init: RequestInit | undefined): { origin?: string; init?: RequestInit } {
  const headers = init?.headers;
  if (!headers) return { init };
  const h = new Headers(headers);
  const origin = h.get(ORIGIN_HEADER) ?? undefined;
  if (!origin) return { init };
  h.delete(ORIGIN_HEADER);
  return { origin, init: { ...init, headers: h } };
}

export const routingFetch = async (input: FetchArgs[0], init?: FetchArgs[1]): Promise<Response> => {
  const taken = takeOrigin(init);
  if (!taken.origin) return globalThis.fetch(input, init);
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  return globalThis.fetch(rewriteOrigin(url, taken.origin), taken.init);
};

/**
 * Install the router. Idempotent; called before every `new Graphql(...)` because the SDK reads
 * the global fetch when a client is constructed, and other code in the process may have set
 * its own since the last call.
 */
export function installRoutingFetch(): void {
  setAbstractFetchFunc(routingFetch as Parameters<typeof setAbstractFetchFunc>[0]);
}
