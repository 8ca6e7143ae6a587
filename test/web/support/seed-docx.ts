import { AlignmentType, Document, Packer, Paragraph, Tab, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

/**
 * A Word document made from a seed's text, the way such a plan reaches the supervision office: one
 * paragraph per line, and each indicator table (a run of cell lines: `\t…` or `… |`) as a real Word table.
 */
export async function seedToDocx(text: string): Promise<Buffer> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  const children: (Paragraph | Table)[] = [];
  let tables = 0;
  for (let i = 0; i < lines.length;) {
    if (isCell(lines[i]!)) {
      const cells: string[] = [];
      const rowEnds = new Set<number>();
      while (i < lines.length && isCell(lines[i]!)) {
        const line = lines[i]!;
        if (/\|\s*\|\s*$/.test(line)) rowEnds.add(cells.length);
        cells.push(line.replace(/^\t+/, '').replace(/(\s*\|)+\s*$/, ''));
        i++;
      }
      children.push(table(cells, rowEnds));
      tables++;
    } else {
      children.push(paragraph(lines[i]!));
      i++;
    }
  }
  if (tables === 0) throw new Error('seedToDocx: the seed holds no table');
  const doc = new Document({ sections: [{ children }] });
  return Packer.toBuffer(doc);
}

function isCell(line: string): boolean {
  return /^\t/.test(line) || /\s\|\s*$/.test(line) || line === '|';
}

function paragraph(line: string): Paragraph {
  const parts = line.split('\t');
  return new Paragraph({
    alignment: AlignmentType.LEFT,
    children: parts.map((part, i) => (i === 0 ? new TextRun(part) : new TextRun({ children: [new Tab(), part] }))),
  });
}

/** Cells into rows: at the `| |` row ends the seed marks, else four to a row. */
function table(cells: string[], rowEnds: Set<number>): Table {
  const rows: string[][] = [[]];
  cells.forEach((cell, i) => {
    rows.at(-1)!.push(cell);
    const end = rowEnds.size > 0 ? rowEnds.has(i) : rows.at(-1)!.length === 4;
    if (end && i < cells.length - 1) rows.push([]);
  });
  const width = Math.max(...rows.map((r) => r.length));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (row) =>
        new TableRow({
          children: Array.from({ length: width }, (_, c) => new TableCell({ children: [new Paragraph(row[c] ?? '')] })),
        }),
    ),
  });
}
