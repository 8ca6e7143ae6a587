import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { Logger } from '@nestjs/common';
import type { GraphQLSchema } from 'graphql';
import { formatGraphqlError, type AppConfig, type Metrics } from '@app/common';
import { compiledExecution } from './compiled-execution.js';
import { queryLimitsPlugin } from './query-limits.plugin.js';

const logger = new Logger('GraphQL');
export const MAX_TOKENS = 10_000;

/**
 * Nest's ApolloDriverConfig leaves `gateway` out of its type (its federation driver owns the name), yet
 * its Apollo driver hands every option to `new ApolloServer` as it is; the metrics e2e test shows the
 * compiled executor answering.
 */
export type GraphqlOptions = ApolloDriverConfig & { gateway: GatewayInterface };

export function graphqlOptions(config: AppConfig, metrics: Metrics): GraphqlOptions {
  const production = config.NODE_ENV === 'production';
  return {
    path: '/graphql',
    // The committed schema.gql is written by `npm run schema:generate` (schema-sdl.ts), not at start.
    autoSchemaFile: true,
    sortSchema: true,
    introspection: !production,
    // No "did you mean …" naming fields and types a caller could not list without introspection.
    hideSchemaDetailsFromClientErrors: production,
    // A document's parse stops here: the console's largest operation has a few hundred tokens.
    parseOptions: { maxTokens: MAX_TOKENS },
    // The default landing page loads from a CDN, unreachable on government intranets.
    playground: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
    formatError: (formatted, error) => formatGraphqlError(formatted, error, (e) => logger.error(e)),
    // Apollo's cache-control plugin times every field of every response for cache hints we never
    // give; its one effect, `Cache-Control: no-store`, is kept by noStore.
    plugins: [queryLimitsPlugin(() => schemaHolder.schema), ApolloServerPluginCacheControlDisabled(), noStore],
    gateway: compiledExecution(() => schemaHolder.schema, metrics),
    transformSchema: (schema: GraphQLSchema) => {
      schemaHolder.schema = schema;
      return schema;
    },
  };
}

const schemaHolder: { schema?: GraphQLSchema } = {};

/** Answers hold one department's or jurisdiction's data: no proxy or browser may keep them. */
const noStore: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};
