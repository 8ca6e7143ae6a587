import { Module } from '@nestjs/common';
import { DateScalar, DateTimeScalar } from './scalars.js';

/** Registers the contract's Date and DateTime scalars with the GraphQL schema. */
@Module({ providers: [DateScalar, DateTimeScalar] })
export class CalendarDateScalarModule {}
