// The anchor of bench:anchor: PostGraphile 4 in library mode on the benchmark's database, run the way
// the API runs (a node:cluster primary and ANCHOR_WORKERS workers sharing PORT, each with a pool of
// DB_POOL_SIZE connections), with PostGraphile's recommended production options. Started by
// anchor.bench.ts as a child process; no authentication, no row-level security, no query limits.
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import Module, { createRequire } from 'node:module';
import pg from 'pg';

/**
 * PostGraphile 4 runs on graphql 15 (its own nested copy); the project's graphql 16 at the top of
 * node_modules would be picked up by graphile-build and postgraphile-core, which declare none, and two
 * graphql modules in one schema fail ("another module or realm"). This process serves nothing else,
 * so every `graphql` import in it resolves to PostGraphile's.
 */
function useGraphql15(): void {
  const graphql15 = createRequire(createRequire(import.meta.url).resolve('postgraphile')).resolve('graphql');
  const root = graphql15.slice(0, graphql15.lastIndexOf('/graphql/') + '/graphql'.length);
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = loader._resolveFilename.bind(loader);
  loader._resolveFilename = (request, ...rest) =>
    request === 'graphql' || request.startsWith('graphql/')
      ? resolve(root + request.slice('graphql'.length), ...rest)
      : resolve(request, ...rest);
}

const workers = Number(process.env.ANCHOR_WORKERS ?? 2);

if (cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  const stop = () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  useGraphql15();
  const { postgraphile } = await import('postgraphile');
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DB_POOL_SIZE ?? 20),
  });
  const handler = postgraphile(pool, 'public', {
    graphqlRoute: '/graphql',
    retryOnInitFail: false,
    dynamicJson: true,
    setofFunctionsContainNulls: false,
    ignoreRBAC: false,
    disableQueryLog: true,
    legacyRelations: 'omit',
    disableDefaultMutations: true,
    enableQueryBatching: false,
  });
  createServer(handler).listen(Number(process.env.PORT));
}
