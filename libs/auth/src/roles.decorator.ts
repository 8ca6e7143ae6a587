import { SetMetadata } from '@nestjs/common';
import type { UserRole } from './user-role.js';

export const ROLES_KEY = 'luoshi:roles';
export const PUBLIC_KEY = 'luoshi:public';

/** Who may call this operation. Every query and mutation carries this or @Public(). */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES_KEY, roles);

/** Callable without a token (login only). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
