import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { publicAddresses, WebhookAddressRefused, type HostResolver } from '../webhooks/webhook-address.js';

export interface WebhookPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
  resolve?: HostResolver;
}

/**
 * POSTs and answers the status. The address is checked when the connection is made, on the very
 * addresses it connects to (a name re-pointed at an internal host after the endpoint was saved is
 * refused), and a redirect is an answer like any other: never followed.
 */
export async function postWebhook(post: WebhookPost): Promise<number> {
  const url = new URL(post.url);
  // An address written out is connected to without a lookup: checked here instead.
  if (isIP(url.hostname.replace(/^\[(.*)\]$/, '$1'))) await publicAddresses(url.hostname, post.allowPrivate);
  const lookup: LookupFunction = (host, options, callback) => {
    publicAddresses(host, post.allowPrivate, post.resolve).then(
      (addresses) => {
        const wanted = options.family ? addresses.filter((a) => a.family === options.family) : addresses;
        const usable = wanted.length ? wanted : addresses;
        if (options.all) (callback as (e: null, a: typeof addresses) => void)(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      },
      (error: Error) => callback(error, '', 0),
    );
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, {
      method: 'POST',
      headers: { ...post.headers, 'content-length': Buffer.byteLength(post.body) },
      lookup,
      timeout: post.timeoutMs,
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('webhook timed out')));
    req.on('error', (error) => reject(publicError(error)));
    req.end(post.body);
  });
}

/** What a failure may say in `last_error`: a code, never an internal host, address or port. */
function publicError(error: Error & { code?: string }): Error {
  if (error instanceof WebhookAddressRefused || error.message === 'webhook timed out') return error;
  return new Error(
    `webhook could not be reached (${/^E[A-Z_]+$/.test(error.code ?? '') ? error.code : 'network error'})`,
  );
}
