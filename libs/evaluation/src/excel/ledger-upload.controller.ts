import { Controller, Post, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Roles, Scope, UserRole, type AccessScope } from '@app/auth';
import { BadInputError, RestErrorFilter } from '@app/common';
import { LedgerImportService, type LedgerImportResult } from './ledger-import.service.js';

/** What multer hands over for a file field (kept in memory: a ledger is small). */
interface UploadedLedger {
  originalname: string;
  buffer: Buffer;
}

const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

@Controller('imports')
@UseFilters(RestErrorFilter)
export class LedgerUploadController {
  constructor(private readonly imports: LedgerImportService) {}

  /** multipart/form-data, the filled ledger in field `file`. All rows become reports, or none. */
  @Roles(UserRole.LIAISON)
  @Post('department-ledger')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } }))
  async upload(
    @Scope() scope: AccessScope,
    @UploadedFile() file: UploadedLedger | undefined,
  ): Promise<LedgerImportResult> {
    if (!file) throw new BadInputError('请在 file 字段上传台账 (upload the ledger in field "file")');
    return this.imports.upload(scope, file.originalname, file.buffer);
  }
}
