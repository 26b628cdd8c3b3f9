import ExcelJS from 'exceljs'
import { fail } from '../../shared/errors'
import type { RawCell, SheetRow } from '../../shared/domain/roster-import'

/** What a cell holds, reduced to text, a number or a date (rich text, formulas, links unwrapped). */
function cellValue(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return null
  if (value instanceof Date || typeof value === 'string' || typeof value === 'number') return value
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('')
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue)
    if ('text' in value) return String(value.text)
    if ('error' in value) return null
  }
  return String(value)
}

/**
 * Reads the data sheet of an .xlsx: the first worksheet that has a header row (a row with
 * `headerWord` as a cell of its own, so a title row above the table is fine), and every row below
 * that header with its Excel row number. Other sheets (the template's 填写说明) are not read.
 */
export async function readSheet(content: Buffer, headerWord: string, maxRows: number): Promise<{ header: RawCell[]; rows: SheetRow[] }> {
  // An .xlsx is a zip (PK…); an old .xls starts D0 CF 11 E0; anything else is not a workbook.
  if (content.subarray(0, 4).toString('hex') !== '504b0304') {
    const oldExcel = content.subarray(0, 4).toString('hex') === 'd0cf11e0'
    fail('IMPORT.FILE_TYPE', oldExcel ? '这是旧版 .xls 文件，请在 Excel 中“另存为” .xlsx 后再上传' : undefined)
  }
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer)
  } catch {
    fail('IMPORT.FILE_TYPE', '无法读取这个 Excel 文件，请确认文件未损坏')
  }
  const sheets = workbook.worksheets.filter((s) => s.actualRowCount > 0)
  if (!sheets.length) fail('IMPORT.EMPTY')
  const cellsOf = (row: ExcelJS.Row) => {
    const cells: RawCell[] = []
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellValue(cell.value)
    })
    return cells
  }
  const isHeader = (cells: RawCell[]) => cells.some((c) => typeof c === 'string' && c.replace(/\s/g, '') === headerWord)
  for (const sheet of sheets) {
    // The header is near the top: a title row or two may sit above it.
    let headerRow = 0
    for (let n = 1; n <= Math.min(sheet.rowCount, 20) && !headerRow; n++) if (isHeader(cellsOf(sheet.getRow(n)))) headerRow = n
    if (!headerRow) continue
    if (sheet.actualRowCount > maxRows + 5) fail('IMPORT.TOO_LARGE')
    const rows: SheetRow[] = []
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber > headerRow) rows.push({ row: rowNumber, cells: cellsOf(row) })
    })
    if (rows.length > maxRows) fail('IMPORT.TOO_LARGE')
    return { header: cellsOf(sheet.getRow(headerRow)), rows }
  }
  return fail('IMPORT.HEADER')
}

export interface SheetSpec {
  name: string
  title?: string
  columns: Array<{ header: string; width: number }>
  rows: RawCell[][]
  notes?: string[]
}

/** Writes a workbook whose sheets have a bold header row, readable widths and frozen headers. */
export async function writeWorkbook(sheets: SheetSpec[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '支部通'
  workbook.created = new Date()
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name)
    let headerRow = 1
    if (spec.title) {
      sheet.addRow([spec.title]).font = { bold: true, size: 14 }
      sheet.mergeCells(1, 1, 1, spec.columns.length)
      headerRow = 2
    }
    const header = sheet.addRow(spec.columns.map((c) => c.header))
    header.font = { bold: true }
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF6E3E3' } }
    spec.columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width))
    for (const row of spec.rows) sheet.addRow(row.map((v) => (v === undefined ? null : v)))
    sheet.views = [{ state: 'frozen', ySplit: headerRow }]
    if (spec.notes?.length) {
      sheet.addRow([])
      for (const note of spec.notes) sheet.addRow([note]).font = { color: { argb: 'FF888888' } }
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
