// Template workbooks for dependencias: the columns the importer reads, in the order it expects, with a sheet that
// explains each one. Built from the layer spec, so a column added to the importer appears in the template.
import ExcelJS from 'exceljs';
import { PROJECT_STATUSES } from '@sigmun/domain/projects';
import { LAYERS } from './layers.ts';

export const TEMPLATE_KINDS = ['proyectos', 'indicadores'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

interface TemplateColumn {
  name: string;
  help: string;
  example: string | number;
  width?: number;
  /** Excel number format (dates, money). */
  format?: string;
  list?: readonly string[];
}

const PROJECT_HELP: Record<string, Omit<TemplateColumn, 'name'>> = {
  nombre: { help: 'Nombre de la obra o acción (obligatorio).', example: 'Rehabilitación del parque central', width: 40 },
  descripcion: { help: 'Descripción breve.', example: 'Andadores, alumbrado y juegos infantiles', width: 40 },
  programa: { help: 'Clave del programa del Plan Municipal de Desarrollo (obligatoria; debe existir: fija el eje).', example: 'P1.1', width: 12 },
  dependencia: { help: 'Dependencia responsable (obligatoria).', example: 'Obras Públicas', width: 24 },
  estatus: { help: `Uno de: ${PROJECT_STATUSES.join(', ')}.`, example: 'en_proceso', width: 14, list: PROJECT_STATUSES },
  avance: { help: 'Porcentaje de avance, de 0 a 100 (concluido = 100).', example: 35, width: 10 },
  presupuesto_aprobado: { help: 'Pesos, sin símbolo (1234567.89).', example: 2500000, width: 18, format: '#,##0.00' },
  presupuesto_ejercido: { help: 'Pesos ejercidos a la fecha.', example: 800000, width: 18, format: '#,##0.00' },
  fecha_inicio: { help: 'Fecha (celda de fecha, o texto AAAA-MM-DD).', example: '2025-02-01', width: 14, format: 'yyyy-mm-dd' },
  fecha_fin: { help: 'Fecha prevista de término (no antes del inicio).', example: '2025-11-30', width: 14, format: 'yyyy-mm-dd' },
  anio: { help: 'Ejercicio fiscal (obligatorio).', example: 2025, width: 8 },
  cve_col: { help: 'Clave de la colonia (opcional).', example: '2603000010', width: 14 },
};

/** The columns of a template: the importer's own column list plus the key and the coordinates. */
function columns(kind: TemplateKind): TemplateColumn[] {
  if (kind === 'indicadores') {
    return [
      { name: 'cve_col', help: 'Clave de la unidad (colonia aquí; para AGEB use «cvegeo»). Indique el nivel, el año y la fuente al importar (--nivel, --anio, --fuente).', example: '2603000010', width: 14 },
      { name: 'poblacion_total', help: 'Cada columna numérica es un indicador con ese nombre (o nómbrelo en el mapeo YAML). Use * para confidencial y N/D si falta: nunca 0.', example: 1520, width: 16 },
      { name: 'pct_mujeres', help: 'Porcentajes como número (50.7) o texto con % («50.7%»).', example: 50.7, width: 14 },
    ];
  }
  const spec = LAYERS.proyectos;
  return [
    { name: 'clave', help: 'Clave única del proyecto (obligatoria): si ya existe, la fila lo actualiza.', example: 'OP-2025-001', width: 14 },
    ...spec.columns.map((c) => ({ name: c.from[0], ...(PROJECT_HELP[c.name] ?? { help: c.name, example: '' }) })),
    { name: 'latitud', help: 'Latitud WGS84 (grados decimales, p. ej. 29.0729).', example: 29.0729, width: 12 },
    { name: 'longitud', help: 'Longitud WGS84 (negativa en México, p. ej. -110.9559).', example: -110.9559, width: 12 },
  ];
}

/** An .xlsx template for `kind`: sheet 1 is the (empty) table the importer reads, sheet 2 explains each column. */
export async function buildTemplate(kind: TemplateKind): Promise<Buffer> {
  const cols = columns(kind);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SIG Municipal';
  const data = wb.addWorksheet(kind, { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = cols.map((c) => ({ header: c.name, key: c.name, width: c.width ?? 14, style: c.format ? { numFmt: c.format } : {} }));
  data.getRow(1).font = { bold: true };
  cols.forEach((c, i) => {
    if (!c.list) return;
    const letter = data.getColumn(i + 1).letter;
    // A drop-down on the first thousand rows: a misspelt estatus is caught while typing, not at import.
    for (let r = 2; r <= 1000; r++) {
      data.getCell(`${letter}${r}`).dataValidation = {
        type: 'list', allowBlank: true, formulae: [`"${c.list.join(',')}"`],
        showErrorMessage: true, errorTitle: 'Valor no válido', error: `Use uno de: ${c.list.join(', ')}`,
      };
    }
  });
  const help = wb.addWorksheet('instrucciones');
  help.columns = [{ header: 'columna', width: 22 }, { header: 'qué poner', width: 90 }, { header: 'ejemplo', width: 30 }];
  help.getRow(1).font = { bold: true };
  for (const c of cols) help.addRow([c.name, c.help, c.example]);
  help.addRow([]);
  help.addRow(['', 'Llene la primera hoja, una fila por ' + (kind === 'proyectos' ? 'proyecto' : 'unidad') + ', sin cambiar los encabezados. '
    + 'Se importa con «npm run import -- archivo.xlsx --layer ' + (kind === 'proyectos' ? 'projects' : 'indicators --nivel colonia --anio 2020 --fuente "…"') + '» '
    + 'o desde el panel de administración. Si una fila tiene un error, no se importa nada y el mensaje dice la fila de Excel y la columna.']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
