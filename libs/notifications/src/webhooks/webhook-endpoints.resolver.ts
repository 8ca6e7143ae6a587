import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles, UserRole, type AuthUser } from '@app/auth';
import { WebhookEndpointInput } from './dtos/webhook-endpoint.input.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';

@Resolver(() => WebhookEndpoint)
export class WebhookEndpointsResolver {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Roles(UserRole.ADMIN)
  @Query(() => [WebhookEndpoint])
  webhookEndpoints(): Promise<WebhookEndpoint[]> {
    return this.endpoints.list();
  }

  @Roles(UserRole.ADMIN)
  @Mutation(() => WebhookEndpoint, { description: 'Adds a webhook target (e.g. a WeCom or DingTalk group robot).' })
  createWebhookEndpoint(
    @CurrentUser() caller: AuthUser,
    @Args('input') input: WebhookEndpointInput,
  ): Promise<WebhookEndpoint> {
    return this.endpoints.create(caller, input);
  }

  @Roles(UserRole.ADMIN)
  @Mutation(() => WebhookEndpoint)
  setWebhookEndpointActive(
    @CurrentUser() caller: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('active') active: boolean,
  ): Promise<WebhookEndpoint> {
    return this.endpoints.setActive(caller, id, active);
  }
}
