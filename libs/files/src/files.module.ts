import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '@app/common';
import { FilesController } from './download/files.controller.js';
import { fileStorageProvider } from './storage/storage.provider.js';
import { AttachmentOwners } from './uploads/attachment-owners.js';
import { UploadLimitMessage, UploadsController } from './uploads/uploads.controller.js';
import { MB, UploadsService } from './uploads/uploads.service.js';

/**
 * 佐证材料 files: POST /uploads, GET /files/:id, and attaching uploads for the libs above (tasks,
 * supervision), which register who may read their attachments through AttachmentOwners.
 */
@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // busboy stops reading a part at the limit: an over-size file is refused, never buffered whole.
        limits: { fileSize: config.UPLOAD_MAX_FILE_MB * MB, files: 1, fields: 0, parts: 1 },
        // Browsers send a file name as UTF-8 (会议纪要.docx), not multer's default Latin-1.
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [UploadsController, FilesController],
  providers: [fileStorageProvider, AttachmentOwners, UploadsService, UploadLimitMessage],
  exports: [AttachmentOwners, UploadsService],
})
export class FilesModule {}
