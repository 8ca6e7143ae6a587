import { Controller, Get, Headers, Param, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { Roles, Scope, UserRole, type AccessScope } from '@app/auth';
import { RestErrorFilter } from '@app/common';
import { UploadsService } from '../uploads/uploads.service.js';
import { attachmentDisposition, byteRange } from './byte-range.js';

/**
 * GET /files/:id (Bearer token): a file under the scope of what it is attached to. Always a download
 * (Content-Disposition: attachment, nosniff) of the type found in its bytes, so an upload can never
 * be rendered as a page of this origin. One Range per request (206, or 416 past the end).
 */
@Controller()
@UseFilters(RestErrorFilter)
export class FilesController {
  constructor(private readonly uploads: UploadsService) {}

  @Roles(...Object.values(UserRole))
  @Get('files/:id')
  async download(
    @Scope() scope: AccessScope,
    @Param('id') id: string,
    @Headers('range') rangeHeader: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.uploads.openable(scope, id);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', attachmentDisposition(file.name));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('ETag', `"${file.sha256}"`);
    res.setHeader('Cache-Control', 'private, no-store');
    const range = byteRange(rangeHeader, file.size);
    if (range === 'unsatisfiable') {
      res.status(416).setHeader('Content-Range', `bytes */${file.size}`);
      res.end();
      return;
    }
    const body = await this.uploads.read(file.sha256, range ?? undefined);
    if (range) {
      res.status(206).setHeader('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`);
    }
    res.setHeader('Content-Length', body.length);
    res.end(body);
  }
}
