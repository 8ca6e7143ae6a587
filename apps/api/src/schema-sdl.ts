import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { DateScalar, DateTimeScalar } from '@app/common';
import { DOMAIN_MODULES } from './domain-modules.js';

/** Resolver classes among the providers of the given modules (walking their imports). */
export function resolverClasses(modules: Function[]): Function[] {
  const seen = new Set<Function>();
  const found = new Set<Function>();
  const visit = (mod: Function) => {
    if (seen.has(mod)) return;
    seen.add(mod);
    for (const p of (Reflect.getMetadata('providers', mod) ?? []) as unknown[]) {
      if (typeof p === 'function' && Reflect.hasMetadata('graphql:resolver_name', p)) found.add(p);
    }
    for (const i of (Reflect.getMetadata('imports', mod) ?? []) as unknown[]) if (typeof i === 'function') visit(i);
  };
  modules.forEach(visit);
  return [...found];
}

/** The API's schema as SDL, built from the resolvers alone: no database, no server. */
export async function buildSchemaSdl(): Promise<string> {
  const ctx = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    const schema = await ctx
      .get(GraphQLSchemaFactory)
      .create(resolverClasses(DOMAIN_MODULES), [DateScalar, DateTimeScalar]);
    return `${printSchema(lexicographicSortSchema(schema))}\n`;
  } finally {
    await ctx.close();
  }
}
