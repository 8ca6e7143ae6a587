import { Module } from '@nestjs/common';
import { EvaluationModule } from '@app/evaluation';
import { PublicPagesController } from './public-pages.controller.js';
import { PublicPlanCache } from './public-plan.cache.js';
import { PublicPlansReader } from './public-plans.reader.js';

/** 政务公开: the pages a plan's office made public, without login. Above evaluation (indicator attainment). */
@Module({
  imports: [EvaluationModule],
  controllers: [PublicPagesController],
  providers: [PublicPlansReader, PublicPlanCache],
})
export class PublicityModule {}
