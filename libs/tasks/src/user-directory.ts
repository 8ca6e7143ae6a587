import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { byKeys, RequestLoaders } from '@app/common';
import { User } from '@app/auth';

/** Authors of reports and reviews, loaded per request. */
@Injectable()
export class UserDirectory {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loaders: RequestLoaders,
  ) {}

  loader(request: object) {
    return this.loaders.get<string, User | null>(request, 'user', async (ids) => {
      const rows = await this.dataSource
        .getRepository(User)
        .createQueryBuilder('u')
        .where('u.id = ANY(:ids)', { ids: [...ids] })
        .getMany();
      return byKeys(ids, rows, (u) => u.id);
    });
  }
}
