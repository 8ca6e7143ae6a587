import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Req, Roles, Scope, User, UserRole, type AccessScope } from '@app/auth';
import { CalendarDate } from '@app/common';
import { Attachment } from '@app/files';
import { TaskAttachments } from './attachments/task-attachments.js';
import { ProgressReportInput } from './dtos/progress-report.input.js';
import { ExtensionRequest } from './extension-request.entity.js';
import { ExtensionsService } from './extensions.service.js';
import { ProgressReport } from './progress-report.entity.js';
import { ProgressReportsService } from './progress-reports.service.js';
import { Task } from './task.entity.js';
import { TasksService } from './tasks.service.js';
import { UserDirectory } from './user-directory.js';

const WRITERS = [UserRole.ADMIN, UserRole.SUPERVISOR, UserRole.LIAISON];

@Resolver(() => ProgressReport)
export class ProgressReportsResolver {
  constructor(
    private readonly reports: ProgressReportsService,
    private readonly tasks: TasksService,
    private readonly users: UserDirectory,
    private readonly files: TaskAttachments,
  ) {}

  @Roles(...WRITERS)
  @Mutation(() => ProgressReport, { description: 'Append-only: a correction is a new report.' })
  async submitProgressReport(
    @Scope() scope: AccessScope,
    @Args('input') input: ProgressReportInput,
  ): Promise<ProgressReport> {
    return this.reports.submit(scope, input);
  }

  @ResolveField(() => Task)
  async task(@Parent() report: ProgressReport, @Req() req: object): Promise<Task> {
    return (await this.tasks.taskLoader(req).load(report.taskId))!;
  }

  @ResolveField(() => [Attachment], { description: '佐证材料 files, each downloaded at its url.' })
  attachments(@Parent() report: ProgressReport, @Req() req: object): Promise<Attachment[]> {
    return this.files.loader(req, 'progress_report').load(report.id);
  }

  @ResolveField(() => User)
  async author(@Parent() report: ProgressReport, @Req() req: object): Promise<User> {
    return (await this.users.loader(req).load(report.authorId))!;
  }
}

@Resolver(() => ExtensionRequest)
export class ExtensionsResolver {
  constructor(
    private readonly extensions: ExtensionsService,
    private readonly tasks: TasksService,
    private readonly files: TaskAttachments,
  ) {}

  @Roles(...WRITERS)
  @Mutation(() => ExtensionRequest, { description: "延期申请: ask to move a task's due date." })
  async requestExtension(
    @Scope() scope: AccessScope,
    @Args('taskId', { type: () => ID }) taskId: string,
    @Args('requestedDueDate', { type: () => CalendarDate }) requestedDueDate: string,
    @Args('reason') reason: string,
    @Args('attachmentIds', { type: () => [ID], nullable: true, description: 'Ids returned by POST /uploads.' })
    attachmentIds?: string[] | null,
  ): Promise<ExtensionRequest> {
    return this.extensions.request(scope, taskId, requestedDueDate, reason, attachmentIds);
  }

  @Roles(UserRole.ADMIN, UserRole.SUPERVISOR)
  @Mutation(() => ExtensionRequest, { description: 'Approval moves the due date and keeps the original for scoring.' })
  async decideExtension(
    @Scope() scope: AccessScope,
    @Args('requestId', { type: () => ID }) requestId: string,
    @Args('approve') approve: boolean,
    @Args('comment', { type: () => String, nullable: true }) comment?: string,
  ): Promise<ExtensionRequest> {
    return this.extensions.decide(scope, requestId, approve, comment);
  }

  @ResolveField(() => [Attachment], { description: '佐证材料 files, each downloaded at its url.' })
  attachments(@Parent() request: ExtensionRequest, @Req() req: object): Promise<Attachment[]> {
    return this.files.loader(req, 'extension_request').load(request.id);
  }

  @ResolveField(() => Task)
  async task(@Parent() request: ExtensionRequest, @Req() req: object): Promise<Task> {
    return (await this.tasks.taskLoader(req).load(request.taskId))!;
  }
}
