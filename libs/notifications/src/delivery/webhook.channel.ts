import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { PendingDelivery } from './pending-delivery.js';
import { signWebhook } from './webhook-signature.js';

const TIMEOUT_MS = 10_000;

/**
 * JSON POST, signed (X-Luoshi-Signature: sha256=HMAC of "<timestamp>.<body>"). The body carries
 * `msgtype`/`text.content`, the shape WeCom and DingTalk group robots read, beside luoshi's own
 * fields; X-Luoshi-Delivery is the idempotency key a receiver can use to drop a repeat.
 */
@Injectable()
export class WebhookChannel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async send(delivery: PendingDelivery): Promise<void> {
    const [endpoint]: { url: string; secret: string; active: boolean }[] = await this.dataSource.query(
      'SELECT url, secret, active FROM webhook_endpoint WHERE id = $1',
      [delivery.recipient],
    );
    if (!endpoint?.active) throw new Error(`webhook endpoint ${delivery.recipient} is gone or inactive`);
    const body = JSON.stringify({
      msgtype: 'text',
      text: { content: `${delivery.subject}\n${delivery.body}` },
      kind: delivery.kind,
      deliveryId: delivery.id,
      sourceKey: delivery.source_key,
      taskId: delivery.payload.taskId ?? null,
      subject: delivery.subject,
      message: delivery.body,
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const res = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-luoshi-delivery': delivery.id,
        'x-luoshi-timestamp': timestamp,
        'x-luoshi-signature': `sha256=${signWebhook(endpoint.secret, timestamp, body)}`,
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}`);
  }
}
