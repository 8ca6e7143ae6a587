import {
  Controller,
  PayloadTooLargeException,
  Post,
  UploadedFile,
  UseFilters,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  Injectable,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { catchError, type Observable } from 'rxjs';
import { CurrentUser, Roles, UserRole, type AuthUser } from '@app/auth';
import { BadInputError, RestErrorFilter } from '@app/common';
import { UploadsService, type UploadResult } from './uploads.service.js';

/** What multer hands over: kept in memory, never more than the per-file limit (refused while streaming). */
interface UploadedPart {
  originalname: string;
  buffer: Buffer;
}

/** Multer's "File too large" says neither which file nor which limit: the answer names the limit. */
@Injectable()
export class UploadLimitMessage implements NestInterceptor {
  constructor(private readonly uploads: UploadsService) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        throw error instanceof PayloadTooLargeException
          ? new PayloadTooLargeException(this.uploads.tooLarge().message)
          : error;
      }),
    );
  }
}

/** 佐证材料: POST /uploads (multipart, field `file`, Bearer token of any role). Attach later by id. */
@Controller()
@UseFilters(RestErrorFilter)
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Roles(...Object.values(UserRole))
  @Post('uploads')
  @UseInterceptors(UploadLimitMessage, FileInterceptor('file'))
  async upload(@CurrentUser() caller: AuthUser, @UploadedFile() file: UploadedPart | undefined): Promise<UploadResult> {
    if (!file) throw new BadInputError('请在 file 字段上传文件 (upload the file in field "file")');
    return this.uploads.store(caller.id, file.originalname, file.buffer);
  }
}
