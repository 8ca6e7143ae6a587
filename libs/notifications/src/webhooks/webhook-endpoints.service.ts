import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, BadInputError, NotFoundError, type AppConfig } from '@app/common';
import { AuditService } from '@app/audit';
import type { AuthUser } from '@app/auth';
import type { WebhookEndpointInput } from './dtos/webhook-endpoint.input.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { publicAddresses } from './webhook-address.js';

/** ADMIN's list of webhook targets. */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  list(): Promise<WebhookEndpoint[]> {
    return this.dataSource.getRepository(WebhookEndpoint).find({ order: { name: 'ASC' } });
  }

  async create(admin: AuthUser, input: WebhookEndpointInput): Promise<WebhookEndpoint> {
    if (!/^https?:\/\/\S+$/.test(input.url) || !URL.canParse(input.url))
      throw new BadInputError('URL 须以 http:// 或 https:// 开头 (url must be http(s))');
    // Checked again on every delivery, on the addresses it connects to (webhook-post.ts).
    await publicAddresses(new URL(input.url).hostname, this.config.ALLOW_PRIVATE_WEBHOOKS === '1').catch(() => {
      throw new BadInputError('URL 须指向公网地址 (the url must resolve to public addresses only)');
    });
    if (input.secret.length < 16) throw new BadInputError('密钥至少 16 个字符 (secret must be at least 16 characters)');
    if (!input.departmentId === !input.jurisdictionId)
      throw new BadInputError('须指定部门或辖区之一 (name exactly one of departmentId, jurisdictionId)');
    return this.dataSource.transaction(async (m) => {
      const place = input.departmentId
        ? await m.query('SELECT 1 FROM department WHERE id = $1', [input.departmentId])
        : await m.query('SELECT 1 FROM jurisdiction WHERE id = $1', [input.jurisdictionId]);
      if (!place.length)
        throw new NotFoundError(
          input.departmentId ? 'Department' : 'Jurisdiction',
          (input.departmentId ?? input.jurisdictionId)!,
        );
      const saved = await m.getRepository(WebhookEndpoint).save(
        m.getRepository(WebhookEndpoint).create({
          name: input.name.trim(),
          url: input.url,
          secret: input.secret,
          departmentId: input.departmentId ?? null,
          jurisdictionId: input.jurisdictionId ?? null,
          active: true,
        }),
      );
      await this.audit.record(m, admin.id, 'webhook.create', 'webhook_endpoint', saved.id, null, {
        name: saved.name,
        url: saved.url,
      });
      return saved;
    });
  }

  async setActive(admin: AuthUser, id: string, active: boolean): Promise<WebhookEndpoint> {
    return this.dataSource.transaction(async (m) => {
      const endpoint = await m.getRepository(WebhookEndpoint).findOneBy({ id });
      if (!endpoint) throw new NotFoundError('WebhookEndpoint', id);
      await m.query('UPDATE webhook_endpoint SET active = $2 WHERE id = $1', [id, active]);
      await this.audit.record(
        m,
        admin.id,
        'webhook.activate',
        'webhook_endpoint',
        id,
        { active: endpoint.active },
        { active },
      );
      return { ...endpoint, active };
    });
  }
}
