import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getNamedType, GraphQLObjectType, isLeafType, isObjectType } from 'graphql';
import { DataSource } from 'typeorm';
import { UserRole } from '../libs/auth/src/index.js';
import { publishSeed, SEED_TENGZHOU } from './support/seed-plans.js';
import { TestApp } from './support/test-app.js';

/**
 * The task page reads tasks, measures and departments its own way (one prepared statement, the
 * columns it needs, no TypeORM hydration): it must answer exactly what task(id) answers.
 */
describe('the task page (tasks) against task(id)', () => {
  let t: TestApp;
  let db: DataSource;
  let everyField: string;

  /**
   * Every field of a type without required arguments: leaves as they are, and objects by their `id`
   * — except those named in `expand`, by every field of their own.
   */
  function selection(type: GraphQLObjectType, expand: string[] = []): string {
    return Object.values(type.getFields())
      .filter((f) => f.args.every((a) => !a.type.toString().endsWith('!')))
      .map((f) => {
        const named = getNamedType(f.type);
        if (isLeafType(named)) return f.name;
        if (!isObjectType(named)) return '';
        if (expand.includes(f.name)) return `${f.name} { ${selection(named)} }`;
        return named.getFields().id ? `${f.name} { id }` : '';
      })
      .filter(Boolean)
      .join(' ');
  }

  beforeAll(async () => {
    t = await TestApp.start();
    db = t.get(DataSource);
    await t.user('admin', UserRole.ADMIN);
    await t.user('sup', UserRole.SUPERVISOR, { jurisdictionKey: 'tengzhou' });
    await t.user('health', UserRole.LIAISON, { departmentKey: 'tengzhou.HEALTH' });
    await publishSeed(t, SEED_TENGZHOU, 'admin');
    // Some variety: an escalation level, a finished task, a moved due date.
    const [a, b, c] = (await db.query('SELECT id FROM task ORDER BY id LIMIT 3')).map((r: { id: string }) => r.id);
    await db.query(`UPDATE task_escalation SET level = 2 WHERE task_id = $1`, [a]);
    await db.query(`UPDATE task SET status = 'COMPLETED', completed_at = now(), progress_percent = 100 WHERE id = $1`, [
      b,
    ]);
    await db.query(`UPDATE task SET due_date = due_date + 30 WHERE id = $1`, [c]);
    const schema = t.get(GraphQLSchemaHost).schema;
    everyField = selection(schema.getType('Task') as GraphQLObjectType, ['measure', 'department', 'plan']);
  });
  afterAll(() => t.stop());

  const page = async (as: string, nodeSelection: string, first = 30) => {
    const res = await t.gql<{ tasks: { edges: { node: Record<string, unknown> & { id: string } }[] } }>(
      `{ tasks(first: ${first}) { edges { node { ${nodeSelection} } } } }`,
      {},
      as,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.tasks.edges.map((e) => e.node);
  };
  const one = async (as: string, id: string, nodeSelection: string) => {
    const res = await t.gql<{ task: Record<string, unknown> }>(
      `query($id: ID!) { task(id: $id) { ${nodeSelection} } }`,
      { id },
      as,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.task;
  };

  it.each(['admin', 'sup', 'health'])('answers every Task field as task(id) does (%s)', async (as) => {
    const nodes = await page(as, everyField, 10);
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) expect(node).toEqual(await one(as, node.id, everyField));
  });

  it.each([
    ['a few columns of each', 'id measure { code title } department { name }'],
    ['a typename and a key', 'id measure { __typename id } department { shortName functionCode }'],
    ['a field of the measure that is not a column', 'id measure { code plan { id title } } department { name }'],
    // Read without the tasks' foreign keys (PAGE_KEYS): every field here is answered without them.
    [
      'the columns and overdue, the relations joined',
      '__typename id role status progressPercent dueDate originalDueDate version overdue measure { code title } department { name }',
    ],
    ['the measure by its wider join', 'id dueDate measure { id code title deadline } department { id shortName }'],
    // Each needs a foreign key: the page reads them.
    ['a relation the page does not join', 'id status plan { id title } measure { code title }'],
    ['a relation loaded by its key', 'id status measure { code text } department { name }'],
    ['a field another lib adds', 'id status escalationLevel openNotice { id } measure { code title }'],
    ['relations only, but for the key', 'id measure { id } department { id } cooperatingTasks { id }'],
  ])('answers a partial selection as task(id) does: %s', async (_, nodeSelection) => {
    for (const node of await page('sup', nodeSelection, 10)) {
      expect(node).toEqual(await one('sup', node.id, nodeSelection));
    }
  });

  it.each([
    ['the columns, the measure joined', 'status dueDate measure { code title }'],
    ['a relation the page does not join', 'status plan { id } department { name }'],
  ])("answers a liaison's open tasks (workQueue) as task(id) does: %s", async (_, taskSelection) => {
    const selection = `id ${taskSelection}`;
    const res = await t.gql<{ workQueue: { openTasks: (Record<string, unknown> & { id: string })[] } }>(
      `{ workQueue { openTasks { ${selection} } } }`,
      {},
      'health',
    );
    expect(res.errors).toBeUndefined();
    const tasks = res.data!.workQueue.openTasks;
    expect(tasks.length).toBeGreaterThan(0);
    for (const task of tasks) expect(task).toEqual(await one('health', task.id, selection));
  });
});
