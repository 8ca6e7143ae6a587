import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type Aggregator } from 'prom-client';

/** Seconds: from a fast GraphQL read (a few ms) to a long sweep or import (a minute). */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

interface GaugeOptions<L extends string> {
  labelNames?: readonly L[];
  /** How the API primary merges the processes' values: `sum` (the default, e.g. connections in use), or
   * `max` for a figure every process reads from the same place (queue depths, the outbox). */
  aggregator?: Aggregator;
  /** Read on each scrape. */
  collect?: (gauge: Gauge<L>) => Promise<void> | void;
}

/**
 * The process's Prometheus registry. Each lib registers the series of what it does (the database its
 * pool, notifications its deliveries, escalation its sweeps) here; apps expose it (`serveMetrics`).
 * One registry per application instance, so the tests' several apps in one process keep apart; a
 * series asked for twice is the same series.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return this.existing<Counter<L>>(name) ?? new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  histogram<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
    buckets: number[] = DURATION_BUCKETS,
  ): Histogram<L> {
    return (
      this.existing<Histogram<L>>(name) ??
      new Histogram({ name, help, labelNames, buckets, registers: [this.registry] })
    );
  }

  gauge<L extends string>(name: string, help: string, options: GaugeOptions<L> = {}): Gauge<L> {
    const existing = this.existing<Gauge<L>>(name);
    if (existing) return existing;
    const { collect } = options;
    return new Gauge<L>({
      name,
      help,
      labelNames: options.labelNames ?? [],
      aggregator: options.aggregator ?? 'sum',
      registers: [this.registry],
      ...(collect && {
        async collect(this: Gauge<L>) {
          await collect(this);
        },
      }),
    });
  }

  /** The exposition text and its content type. */
  async expose(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private existing<T>(name: string): T | undefined {
    return this.registry.getSingleMetric(name) as T | undefined;
  }
}

/** Resolves with `work`, or undefined after `ms`: a scrape must answer even when a source hangs. */
export async function withinMs<T>(ms: number, work: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([work.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}
