import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Figures a merge reports; each participant gives those of the rows it owns. */
export interface MergeFigures {
  tasksMoved?: number;
  /** Closed tasks (and open ones cancelled as duplicates) that stay with the department merged away. */
  tasksKept?: number;
  tasksCancelled?: number;
  assignmentsMoved?: number;
  assignmentsDropped?: number;
}

/**
 * A lib above this one whose rows name departments (tasks, assignments). Both calls run in the
 * merge's transaction, after both departments were locked; `preview` must change nothing.
 */
export interface DepartmentMergeParticipant {
  name: string;
  preview(m: EntityManager, fromId: string, intoId: string): Promise<MergeFigures>;
  /** `actorId` for the participant's own audit entries of the rows it changes. */
  apply(m: EntityManager, fromId: string, intoId: string, actorId: string | null): Promise<MergeFigures>;
}

/**
 * The hook through which libs that import this one take part in a merge: departments never writes
 * their tables. They register at module init.
 */
@Injectable()
export class DepartmentMergeParticipants {
  private readonly participants = new Map<string, DepartmentMergeParticipant>();

  register(participant: DepartmentMergeParticipant): void {
    this.participants.set(participant.name, participant);
  }

  async run(
    m: EntityManager,
    step: 'preview' | 'apply',
    fromId: string,
    intoId: string,
    actorId: string | null,
  ): Promise<Required<MergeFigures>> {
    const total: Required<MergeFigures> = {
      tasksMoved: 0,
      tasksKept: 0,
      tasksCancelled: 0,
      assignmentsMoved: 0,
      assignmentsDropped: 0,
    };
    // One after another: they share the transaction's connection.
    for (const p of this.participants.values()) {
      const figures = await p[step](m, fromId, intoId, actorId);
      for (const [k, v] of Object.entries(figures)) total[k as keyof MergeFigures] += v ?? 0;
    }
    return total;
  }
}
