import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Department } from './department.entity.js';
import { DepartmentFunction } from './department-function.entity.js';
import { DepartmentsResolver, UserPlacementResolver } from './departments.resolver.js';
import { DepartmentsService } from './departments.service.js';
import { Jurisdiction } from './jurisdiction.entity.js';
import { JurisdictionsResolver } from './jurisdictions.resolver.js';
import { RegistrySeeder } from './registry-seeder.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Jurisdiction, Department, DepartmentFunction])],
  providers: [DepartmentsService, RegistrySeeder, JurisdictionsResolver, DepartmentsResolver, UserPlacementResolver],
  exports: [DepartmentsService, RegistrySeeder],
})
export class DepartmentsModule {}
