import { ApolloServer } from '@apollo/server';
import { buildSchema, GraphQLError } from 'graphql';
import { Metrics } from '@app/common';
import { compiledExecution } from './compiled-execution.js';

const schema = buildSchema(`
  type Task { id: ID! title: String! dueDate: String }
  type Query { tasks(first: Int!): [Task!]! refused: Task broken: Task! }
`);
const query = schema.getQueryType()!.getFields();
query.tasks!.resolve = (_, { first }: { first: number }) =>
  Array.from({ length: first }, (_, i) => ({ id: String(i + 1), title: `任务${i + 1}`, dueDate: null }));
query.broken!.resolve = () => {
  throw new TypeError('Cannot read properties of undefined');
};
query.refused!.resolve = () => {
  throw new GraphQLError('无权访问', { extensions: { code: 'FORBIDDEN' } });
};

describe('compiledExecution (graphql-jit behind Apollo Server)', () => {
  let metrics: Metrics;
  let server: ApolloServer;
  const compiled = async () =>
    (await metrics.registry.getSingleMetric('graphql_operations_compiled_total')!.get()).values[0]!.value;
  const run = async (query: string, variables?: Record<string, unknown>, operationName?: string) => {
    const { body, http } = await server.executeOperation({ query, variables, operationName });
    if (body.kind !== 'single') throw new Error('expected a single result');
    return { ...body.singleResult, status: http.status };
  };

  beforeAll(async () => {
    metrics = new Metrics();
    server = new ApolloServer({ gateway: compiledExecution(() => schema, metrics) });
    await server.start();
  });
  afterAll(() => server.stop());

  it('answers as graphql-js would and compiles a document once', async () => {
    const query = 'query Page($n: Int!) { tasks(first: $n) { id title dueDate } }';
    expect(await run(query, { n: 2 })).toMatchObject({
      data: {
        tasks: [
          { id: '1', title: '任务1', dueDate: null },
          { id: '2', title: '任务2', dueDate: null },
        ],
      },
    });
    expect((await run(query, { n: 1 })).data).toEqual({ tasks: [{ id: '1', title: '任务1', dueDate: null }] });
    expect(await compiled()).toBe(1);
  });

  it("keeps a resolver's error, its path and code, and the data beside it", async () => {
    const answer = await run('{ refused { id } tasks(first: 1) { id } }');
    expect(answer.data).toEqual({ refused: null, tasks: [{ id: '1' }] });
    expect(answer.errors).toMatchObject([
      { message: '无权访问', path: ['refused'], extensions: { code: 'FORBIDDEN' } },
    ]);
  });

  it('hands an error without extensions to formatError as it was thrown, not as a formatting failure', async () => {
    const answer = await run('{ broken { id } }');
    expect(answer.data).toBeNull();
    expect(answer.errors).toMatchObject([
      {
        message: 'Cannot read properties of undefined',
        path: ['broken'],
        locations: [{ line: 1, column: 3 }],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
  });

  it('refuses a variable of the wrong type with 400 and BAD_USER_INPUT, as Apollo does for graphql-js', async () => {
    const answer = await run('query($n: Int!) { tasks(first: $n) { id } }', { n: 'many' });
    expect(answer.status).toBe(400);
    expect(answer.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT' } }]);
    expect(answer.errors![0]!.message).toMatch(/^Variable "\$n" got invalid value "many"/);
  });

  it('picks the named operation of a document with several', async () => {
    const query = 'query A { tasks(first: 1) { id } } query B { tasks(first: 2) { title } }';
    expect((await run(query, undefined, 'B')).data).toEqual({ tasks: [{ title: '任务1' }, { title: '任务2' }] });
    expect((await run(query, undefined, 'A')).data).toEqual({ tasks: [{ id: '1' }] });
  });
});
