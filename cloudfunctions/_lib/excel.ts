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
  /** A line under the title (period, branch). */
  subtitle?: string
  columns: Array<{ header: string; width: number }>
  /** Headers over several columns ("出勤情况" over 应到/实到/…): 1-based, inclusive. Other columns' headers span both header rows. */
  groups?: Array<{ label: string; from: number; to: number }>
  rows: RawCell[][]
  /** 0-based columns whose equal neighbouring values are merged down (a meeting over its sign-in rows). */
  mergeRuns?: number[]
  /** Long text wraps inside its cell. */
  wrap?: boolean
  /** Printed A4 landscape (else portrait). */
  landscape?: boolean
  notes?: string[]
}

const thin = { style: 'thin' as const, color: { argb: 'FF999999' } }
const border = { top: thin, left: thin, bottom: thin, right: thin }

/**
 * Writes a workbook in the layout a 台账 uses: a merged title, optional grouped headers, bold
 * frozen header rows repeated on every printed page, bordered cells, A4 fitted to the width.
 */
export async function writeWorkbook(sheets: SheetSpec[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '支部通'
  workbook.created = new Date()
  for (const spec of sheets) {
    const width = spec.columns.length
    // A header over columns that are not there, or a row wider than the header, misprints every page.
    for (const g of spec.groups ?? []) if (g.from < 1 || g.to > width || g.from > g.to) throw new Error(`sheet ${spec.name}: group ${g.label} spans ${g.from}–${g.to} of ${width} columns`)
    for (const row of spec.rows) if (row.length > width) throw new Error(`sheet ${spec.name}: a row of ${row.length} cells under ${width} columns`)
    const sheet = workbook.addWorksheet(spec.name, {
      pageSetup: { paperSize: 9, orientation: spec.landscape ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
      headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
    })
    let next = 1
    if (spec.title) {
      const row = sheet.addRow([spec.title])
      row.font = { bold: true, size: 14 }
      row.alignment = { horizontal: 'center', vertical: 'middle' }
      row.height = 26
      sheet.mergeCells(next, 1, next, width)
      next++
    }
    if (spec.subtitle) {
      sheet.addRow([spec.subtitle]).alignment = { horizontal: 'center' }
      sheet.mergeCells(next, 1, next, width)
      next++
    }
    const headerStart = next
    if (spec.groups?.length) {
      const top: RawCell[] = spec.columns.map((c) => c.header)
      for (const g of spec.groups) for (let col = g.from; col <= g.to; col++) top[col - 1] = g.label
      sheet.addRow(top)
      sheet.addRow(spec.columns.map((c) => c.header))
      for (let col = 1; col <= width; col++) {
        const group = spec.groups.find((g) => col >= g.from && col <= g.to)
        if (group) {
          if (col === group.from && group.to > group.from) sheet.mergeCells(next, group.from, next, group.to)
        } else sheet.mergeCells(next, col, next + 1, col)
      }
      next += 2
    } else {
      sheet.addRow(spec.columns.map((c) => c.header))
      next++
    }
    for (let r = headerStart; r < next; r++) {
      const row = sheet.getRow(r)
      row.font = { bold: true }
      for (let col = 1; col <= width; col++) {
        const cell = row.getCell(col)
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF6E3E3' } }
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
        cell.border = border
      }
    }
    spec.columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width))
    const firstData = next
    for (const values of spec.rows) {
      const row = sheet.addRow(values.map((v) => (v === undefined ? null : v)))
      for (let col = 1; col <= width; col++) {
        const cell = row.getCell(col)
        cell.border = border
        cell.alignment = { vertical: 'top', wrapText: Boolean(spec.wrap) }
      }
    }
    for (const col of spec.mergeRuns ?? []) {
      let start = 0
      for (let i = 1; i <= spec.rows.length; i++) {
        if (i < spec.rows.length && spec.rows[i][col] === spec.rows[start][col]) continue
        if (i - start > 1) sheet.mergeCells(firstData + start, col + 1, firstData + i - 1, col + 1)
        start = i
      }
    }
    sheet.views = [{ state: 'frozen', ySplit: next - 1 }]
    sheet.pageSetup.printTitlesRow = `${headerStart}:${next - 1}`
    if (spec.notes?.length) {
      sheet.addRow([])
      for (const note of spec.notes) sheet.addRow([note]).font = { color: { argb: 'FF888888' } }
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
