import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ImportWarning } from '@app/importer';

/** An imported text, kept whole; its hash makes a second import of the same text find it. */
@Entity('plan_document')
export class PlanDocument {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'text_hash' })
  textHash!: string;

  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName!: string | null;

  @Column()
  text!: string;

  @Column({ type: 'jsonb' })
  warnings!: ImportWarning[];

  @Column({ name: 'imported_by', type: 'uuid', nullable: true })
  importedBy!: string | null;

  @Column({ name: 'imported_at', type: 'timestamptz' })
  importedAt!: Date;
}
