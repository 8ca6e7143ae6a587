import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { UploadCleanupProcessor, UPLOAD_CLEANUP_QUEUE } from './cleanup/upload-cleanup.processor.js';
import { UploadCleanup } from './cleanup/upload-cleanup.service.js';
import { fileStorageProvider } from './storage/storage.provider.js';

/** Worker side: the hourly removal of uploads never attached. */
@Module({
  imports: [AuditModule, BullModule.registerQueue({ name: UPLOAD_CLEANUP_QUEUE })],
  providers: [fileStorageProvider, UploadCleanup, UploadCleanupProcessor],
  exports: [UploadCleanupProcessor, UploadCleanup],
})
export class FilesWorkerModule {}
