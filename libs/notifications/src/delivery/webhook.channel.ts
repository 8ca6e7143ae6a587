import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/common';
import type { PendingDelivery } from './pending-delivery.js';
import { postWebhook } from './webhook-post.js';
import { signWebhook } from './webhook-signature.js';

const TIMEOUT_MS = 10_000;

/**
 * JSON POST, signed (X-Luoshi-Signature: sha256=HMAC of "<timestamp>.<body>"). The body carries
 * `msgtype`/`text.content`, the shape WeCom and DingTalk group robots read, beside luoshi's own
 * fields; X-Luoshi-Delivery is the idempotency key a receiver can use to drop a repeat.
 */
@Injectable()
export class WebhookChannel {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

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
    const status = await postWebhook({
      url: endpoint.url,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-luoshi-delivery': delivery.id,
        'x-luoshi-timestamp': timestamp,
        'x-luoshi-signature': `sha256=${signWebhook(endpoint.secret, timestamp, body)}`,
      },
      body,
      timeoutMs: TIMEOUT_MS,
      allowPrivate: this.config.ALLOW_PRIVATE_WEBHOOKS === '1',
    });
    if (status >= 300 && status < 400) throw new Error(`webhook answered HTTP ${status} (redirects are not followed)`);
    if (status < 200 || status >= 300) throw new Error(`webhook answered HTTP ${status}`);
  }
}
