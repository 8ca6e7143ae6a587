import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Req, Roles, Scope, UserRole, type AccessScope } from '@app/auth';
import { Department, DepartmentsService } from '@app/departments';
import { Attachment } from '@app/files';
import { Task } from '@app/tasks';
import { ReissueSupervisionNoticeInput, SupervisionNoticeInput } from './dtos/supervision-notice.input.js';
import { NoticeAttachments } from './notice-attachments.js';
import { NoticeStatus } from './notice-status.js';
import { SupervisionNotice } from './supervision-notice.entity.js';
import { SupervisionNoticesService } from './supervision-notices.service.js';
import { SupervisionQueueService } from './supervision-queue.service.js';

const OFFICE = [UserRole.ADMIN, UserRole.SUPERVISOR];

@Resolver(() => SupervisionNotice)
export class SupervisionNoticesResolver {
  constructor(
    private readonly notices: SupervisionNoticesService,
    private readonly queues: SupervisionQueueService,
    private readonly departments: DepartmentsService,
    private readonly files: NoticeAttachments,
  ) {}

  @Roles(...Object.values(UserRole))
  @Query(() => [SupervisionNotice], {
    description: "Liaisons see their department's notices; the office and leaders their jurisdictions'.",
  })
  async supervisionNotices(
    @Scope() scope: AccessScope,
    @Args('status', { type: () => NoticeStatus, nullable: true }) status?: NoticeStatus,
  ): Promise<SupervisionNotice[]> {
    return this.notices.list(scope, status);
  }

  @Roles(...OFFICE)
  @Query(() => [Task], {
    description: '待督办: open tasks at level 3 (督办) or above that no open supervision notice covers yet.',
  })
  async supervisionQueue(@Scope() scope: AccessScope): Promise<Task[]> {
    return this.queues.queue(scope);
  }

  @Roles(...OFFICE)
  @Mutation(() => SupervisionNotice, {
    description: 'Issues a notice numbered 督办〔year〕N号 for tasks of one department.',
  })
  async issueSupervisionNotice(
    @Scope() scope: AccessScope,
    @Args('input') input: SupervisionNoticeInput,
  ): Promise<SupervisionNotice> {
    return this.notices.issue(scope, input);
  }

  @Roles(UserRole.LIAISON, UserRole.ADMIN)
  @Mutation(() => SupervisionNotice, { description: "The department's rectification (整改) answer." })
  async respondToSupervisionNotice(
    @Scope() scope: AccessScope,
    @Args('noticeId', { type: () => ID }) noticeId: string,
    @Args('response') response: string,
    @Args('attachmentIds', { type: () => [ID], nullable: true, description: 'Ids returned by POST /uploads.' })
    attachmentIds?: string[] | null,
  ): Promise<SupervisionNotice> {
    return this.notices.respond(scope, noticeId, response, attachmentIds);
  }

  @Roles(...OFFICE)
  @Mutation(() => SupervisionNotice)
  async closeSupervisionNotice(
    @Scope() scope: AccessScope,
    @Args('noticeId', { type: () => ID }) noticeId: string,
  ): Promise<SupervisionNotice> {
    return this.notices.close(scope, noticeId);
  }

  @Roles(...OFFICE)
  @Mutation(() => SupervisionNotice, {
    description: 'Closes the notice and issues a new one, with a new number, for its tasks still open.',
  })
  async reissueSupervisionNotice(
    @Scope() scope: AccessScope,
    @Args('noticeId', { type: () => ID }) noticeId: string,
    @Args('input') input: ReissueSupervisionNoticeInput,
  ): Promise<SupervisionNotice> {
    return this.notices.reissue(scope, noticeId, input);
  }

  @ResolveField(() => [Attachment], { description: '佐证材料 files of the answer, each downloaded at its url.' })
  attachments(@Parent() notice: SupervisionNotice, @Req() req: object): Promise<Attachment[]> {
    return this.files.loader(req).load(notice.id);
  }

  @ResolveField(() => Department)
  async department(@Parent() notice: SupervisionNotice, @Req() req: object): Promise<Department> {
    return (await this.departments.departmentLoader(req).load(notice.departmentId))!;
  }

  @ResolveField(() => [Task], { description: "The notice's tasks the caller may read (the scope of task(id))." })
  async tasks(@Parent() notice: SupervisionNotice, @Scope() scope: AccessScope, @Req() req: object): Promise<Task[]> {
    return this.queues.tasksOfNoticeLoader(req, scope).load(notice.id);
  }
}
