import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders without request-scoped providers: each loader lives in a
 * WeakMap keyed by the request object, so it is created once per request and
 * collected with it, while services stay singletons.
 */
@Injectable()
export class RequestLoaders {
  private readonly byRequest = new WeakMap<object, Map<string, DataLoader<unknown, unknown>>>();

  get<K, V>(request: object, name: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    let loaders = this.byRequest.get(request);
    if (!loaders) {
      loaders = new Map();
      this.byRequest.set(request, loaders);
    }
    let loader = loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
      loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}

/** Orders rows to match the keys DataLoader asked for. */
export function byKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

/** Groups rows per key, in key order, for one-to-many relations. */
export function groupByKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}
