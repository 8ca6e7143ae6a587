import 'reflect-metadata';
import { PUBLIC_KEY, ROLES_KEY } from '@app/auth';
import { DOMAIN_MODULES } from './domain-modules.js';
import { resolverClasses } from './schema-sdl.js';

/** Every query and mutation must say who may call it; the guard denies those that do not. */
describe('resolver guards', () => {
  const operations = resolverClasses(DOMAIN_MODULES).flatMap((cls) => {
    const proto = (cls as { prototype: Record<string, unknown> }).prototype;
    return Object.getOwnPropertyNames(proto)
      .filter((name) => typeof proto[name] === 'function')
      .map((name) => ({ cls, name, handler: proto[name] as object }))
      .filter(({ handler }) => ['Query', 'Mutation'].includes(Reflect.getMetadata('graphql:resolver_type', handler)));
  });

  it('finds the operations of every domain module', () => {
    const names = operations.map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(['login', 'me', 'plans', 'importPlanDocument', 'publishPlan']));
  });

  it.each(operations.map((o) => [`${o.cls.name}.${o.name}`, o] as const))('%s declares @Roles or @Public', (_, o) => {
    const roles = Reflect.getMetadata(ROLES_KEY, o.handler) ?? Reflect.getMetadata(ROLES_KEY, o.cls);
    const isPublic = Reflect.getMetadata(PUBLIC_KEY, o.handler) === true;
    expect(Boolean(roles?.length) || isPublic).toBe(true);
  });

  it('leaves only login public', () => {
    const open = operations.filter((o) => Reflect.getMetadata(PUBLIC_KEY, o.handler) === true).map((o) => o.name);
    expect(open).toEqual(['login']);
  });
});
