import { Controller, HttpCode, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Roles, UserRole } from '@app/auth';
import { RestErrorFilter } from '@app/common';
import { DASHBOARD_COOKIE, DASHBOARD_COOKIE_SECONDS, DASHBOARD_PATH } from './queue-dashboard.js';

/** Opens the queue dashboard for the console: the ADMIN's bearer token goes into a short-lived cookie. */
@Controller('admin/queues')
@UseFilters(RestErrorFilter)
export class QueueDashboardController {
  @Roles(UserRole.ADMIN)
  @Post('session')
  @HttpCode(204)
  session(@Req() req: Request, @Res({ passthrough: true }) res: Response): void {
    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')![1]!;
    res.cookie(DASHBOARD_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: DASHBOARD_PATH,
      maxAge: DASHBOARD_COOKIE_SECONDS * 1000,
    });
  }
}
