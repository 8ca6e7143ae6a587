import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLIC_KEY, ROLES_KEY } from '@app/auth';
import { repoPath } from '@app/common';
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

/** Handlers take the caller's scope from `@Scope()`, resolved once per operation, not each its own. */
describe('resolver scopes', () => {
  const handlers = ['apps', 'libs'].flatMap((top) =>
    readdirSync(repoPath(top), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(resolver|controller)\.ts$/.test(f))
      .map((f) => ({ file: join(top, f), source: readFileSync(repoPath(top, f), 'utf8') })),
  );

  it('finds the resolvers and controllers', () => {
    expect(handlers.filter((h) => h.source.includes('@Scope()')).length).toBeGreaterThan(20);
  });

  it('never calls AccessScopeService.of() in a resolver or controller', () => {
    expect(handlers.filter((h) => /\.of\(\s*caller\b|scopes\.of\(/.test(h.source)).map((h) => h.file)).toEqual([]);
  });
});
