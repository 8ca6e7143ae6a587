import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Department } from './department.entity.js';
import { DepartmentFunction } from './department-function.entity.js';
import { DepartmentsResolver, UserPlacementResolver } from './departments.resolver.js';
import { DepartmentsService } from './departments.service.js';
import { Jurisdiction } from './jurisdiction.entity.js';
import { JurisdictionsResolver } from './jurisdictions.resolver.js';
import { DepartmentAdminService } from './registry-admin/department-admin.service.js';
import { DepartmentMergeParticipants } from './registry-admin/department-merge-participants.js';
import { DepartmentMergeService } from './registry-admin/department-merge.service.js';
import { JurisdictionAdminService } from './registry-admin/jurisdiction-admin.service.js';
import { RegistryAdminResolver } from './registry-admin/registry-admin.resolver.js';
import { RegistryLookup } from './registry-lookup.js';
import { RegistrySeeder } from './registry-seeder.service.js';
import { RegistryImportService } from './registry-sheet/registry-import.service.js';
import { RegistrySheetController } from './registry-sheet/registry-sheet.controller.js';

@Module({
  imports: [TypeOrmModule.forFeature([Jurisdiction, Department, DepartmentFunction])],
  controllers: [RegistrySheetController],
  providers: [
    DepartmentsService,
    RegistrySeeder,
    RegistryLookup,
    JurisdictionAdminService,
    DepartmentAdminService,
    DepartmentMergeParticipants,
    DepartmentMergeService,
    RegistryImportService,
    JurisdictionsResolver,
    DepartmentsResolver,
    UserPlacementResolver,
    RegistryAdminResolver,
  ],
  exports: [DepartmentsService, RegistrySeeder, DepartmentMergeParticipants],
})
export class DepartmentsModule {}
