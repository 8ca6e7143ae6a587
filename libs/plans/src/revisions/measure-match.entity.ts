import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The office's correction of the automatic pairing of a draft revision's measure (null: a new measure). */
@Entity('measure_match')
export class MeasureMatch {
  @PrimaryColumn({ name: 'draft_measure_id', type: 'uuid' })
  draftMeasureId!: string;

  @Column({ name: 'published_measure_id', type: 'uuid', nullable: true })
  publishedMeasureId!: string | null;

  @Column({ name: 'set_by', type: 'uuid', nullable: true })
  setBy!: string | null;

  @Column({ name: 'set_at', type: 'timestamptz' })
  setAt!: Date;
}
