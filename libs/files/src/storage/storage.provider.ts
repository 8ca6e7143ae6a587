import type { Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/common';
import { DatabaseBlobStorage } from './database-blob.storage.js';
import { FILE_STORAGE, type FileStorage } from './file-storage.js';
import { parseStorageUrl, S3Storage } from './s3.storage.js';

/** STORAGE_URL picks the driver: unset = the database, s3://… = an S3-compatible store. */
export const fileStorageProvider: Provider = {
  provide: FILE_STORAGE,
  inject: [APP_CONFIG, getDataSourceToken()],
  useFactory: (config: AppConfig, dataSource: DataSource): FileStorage =>
    config.STORAGE_URL ? new S3Storage(parseStorageUrl(config.STORAGE_URL)) : new DatabaseBlobStorage(dataSource),
};
