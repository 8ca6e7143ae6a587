import { Controller, Get, Post, StreamableFile, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Roles, Scope, UserRole, type AccessScope } from '@app/auth';
import { BadInputError, RestErrorFilter } from '@app/common';
import { XLSX_CONTENT_TYPE } from './registry-columns.js';
import { RegistryImportService, type RegistryImportResult } from './registry-import.service.js';
import { registryTemplate } from './registry-template.js';

/** What multer hands over for a file field (kept in memory: within the 5 MB limit). */
interface UploadedSheet {
  originalname: string;
  buffer: Buffer;
}

const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** 登记表: the registry spreadsheet's template and its upload (Bearer token, @Roles as for GraphQL). */
@Controller()
@UseFilters(RestErrorFilter)
export class RegistrySheetController {
  constructor(private readonly imports: RegistryImportService) {}

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Get('exports/registry-template.xlsx')
  async template(): Promise<StreamableFile> {
    return new StreamableFile(await registryTemplate(), {
      type: XLSX_CONTENT_TYPE,
      disposition: `attachment; filename="registry-template.xlsx"; filename*=UTF-8''${encodeURIComponent('登记表模板.xlsx')}`,
    });
  }

  /** multipart/form-data, the filled 登记表 in field `file`. Every row is applied, or none. */
  @Roles(UserRole.ADMIN)
  @Post('imports/registry')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } }))
  async upload(
    @Scope() scope: AccessScope,
    @UploadedFile() file: UploadedSheet | undefined,
  ): Promise<RegistryImportResult> {
    if (!file) throw new BadInputError('请在 file 字段上传登记表 (upload the registry in field "file")');
    return this.imports.upload(scope, file.originalname, file.buffer);
  }
}
