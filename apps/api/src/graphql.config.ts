import type { ApolloDriverConfig } from '@nestjs/apollo';
import { Logger } from '@nestjs/common';
import type { GraphQLSchema } from 'graphql';
import { formatGraphqlError, type AppConfig } from '@app/common';
import { queryLimitsPlugin } from './query-limits.plugin.js';

const logger = new Logger('GraphQL');

export function graphqlOptions(config: AppConfig): ApolloDriverConfig {
  const production = config.NODE_ENV === 'production';
  return {
    path: '/graphql',
    // The committed schema.gql is written by `npm run schema:generate` (schema-sdl.ts), not at start.
    autoSchemaFile: true,
    sortSchema: true,
    introspection: !production,
    // The default landing page loads from a CDN, unreachable on government intranets.
    playground: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
    formatError: (formatted, error) => formatGraphqlError(formatted, error, (e) => logger.error(e)),
    plugins: [queryLimitsPlugin(() => schemaHolder.schema)],
    transformSchema: (schema: GraphQLSchema) => {
      schemaHolder.schema = schema;
      return schema;
    },
  };
}

const schemaHolder: { schema?: GraphQLSchema } = {};
