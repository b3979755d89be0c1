/**
 * An import failure a planner can act on: one line that says what is wrong (file, row, field) and what to do.
 * Anything thrown as ImportError rolls the whole import back and is shown as is; other errors are bugs.
 */
export class ImportError extends Error {
  constructor(
    message: string,
    public readonly where: { file?: string; row?: number; field?: string } = {},
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Formats the place of a problem as "archivo.csv, fila 12, campo pob". */
export function place(file: string | undefined, row?: number, field?: string): string {
  return [file, row !== undefined ? `fila ${row}` : undefined, field ? `campo «${field}»` : undefined].filter(Boolean).join(', ');
}

/** Builds an ImportError whose message starts with the place: "archivo, fila N, campo X: qué pasa". */
export function importError(file: string | undefined, row: number | undefined, field: string | undefined, what: string): ImportError {
  const where = place(file, row, field);
  return new ImportError(where ? `${where}: ${what}` : what, { file, row, field });
}
