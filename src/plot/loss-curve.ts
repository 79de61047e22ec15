// lossCurveSVG(history): the training loss (and the validation loss, when logged) per epoch, on a log axis when every
// value is positive. Takes fit()'s History or its epochs array, so a page can draw a training that is still running.
// Long histories are thinned to at most `maxPoints` epochs per line (evenly, keeping the last), so a redraw stays cheap.
import type { EpochLogs, History } from '../train/fit'
import { escapeText, Panel, svgDocument, type Axis } from './panel'
import { checkPixels, finiteRuns } from './graph'
import { checkOptions } from '../check/names'

export interface LossCurveOptions {
  /** Pixels (defaults 480 × 300). */
  width?: number
  height?: number
  /** A log axis for the loss (default: when every drawn value is positive). */
  log?: boolean
  /** Epochs drawn per line at most (default 1000, in [2, 100000]). */
  maxPoints?: number
  title?: string
}

const optionNames = ['width', 'height', 'log', 'maxPoints', 'title']
const lines = [{ key: 'loss', label: 'train', color: '#1f77b4' }, { key: 'valLoss', label: 'validation', color: '#d62728' }] as const

/** Indices 0 … count − 1 thinned evenly to at most `most`, the first and last kept. */
function thinned(count: number, most: number): number[] {
  if (count <= most) return Array.from({ length: count }, (_, k) => k)
  return Array.from({ length: most }, (_, k) => Math.round((k * (count - 1)) / (most - 1)))
}

export function lossCurveSVG(history: History | readonly EpochLogs[], options: LossCurveOptions = {}): string {
  const where = 'lossCurveSVG'
  checkOptions(where, options, optionNames)
  const epochs = Array.isArray(history) ? history : (history as History | null)?.epochs
  if (!Array.isArray(epochs)) throw new TypeError(`${where}: history must be fit()'s History or its epochs array, got ${history === null ? 'null' : typeof history}`)
  const width = checkPixels(where, 'width', options.width, 480), height = checkPixels(where, 'height', options.height, 300)
  const maxPoints = options.maxPoints ?? 1000
  if (!Number.isInteger(maxPoints) || maxPoints < 2 || maxPoints > 100_000) throw new RangeError(`${where}: maxPoints must be an integer in [2, 100000], got ${String(maxPoints)}`)
  const kept = thinned(epochs.length, maxPoints)
  const series = lines
    .map((line) => ({ ...line, points: kept.map((k): [number, number] => [epochs[k].epoch, Number(epochs[k][line.key] ?? NaN)]) }))
    .filter((line) => line.points.some(([, value]) => Number.isFinite(value)))
  const values = series.flatMap((line) => line.points.map(([, value]) => value)).filter(Number.isFinite)
  const log = options.log ?? (values.length > 0 && values.every((value) => value > 0))
  if (log && values.some((value) => !(value > 0))) throw new RangeError(`${where}: log is true but a loss is ≤ 0; draw it with log: false`)
  let low = Math.min(...values), high = Math.max(...values)
  if (values.length === 0) { low = log ? 0.1 : 0; high = 1 }
  if (log) { low = high === low ? low / 2 : low / 1.2; high = high === low ? high * 2 : high * 1.2 } else {
    const margin = high > low ? 0.05 * (high - low) : Math.max(1, Math.abs(high)) * 0.5
    low -= margin; high += margin
  }
  const lastEpoch = epochs.length > 0 ? epochs[epochs.length - 1].epoch : 1
  const x: Axis = { label: 'epoch', low: epochs.length > 0 ? Math.min(epochs[0].epoch, lastEpoch - 1) : 0, high: Math.max(lastEpoch, 1) }
  const y: Axis = { label: 'loss', low, high, log }
  const top = options.title ? 34 : 14
  const panel = new Panel({ left: 72, top, width: width - 90, height: height - top - 52 }, x, y)
  const parts = [panel.axes()]
  for (const line of series) {
    for (const run of finiteRuns(line.points.map(([epoch]) => epoch), line.points.map(([, value]) => value))) {
      parts.push(run.length === 1 ? panel.dots(run, line.color, 2.5) : panel.polyline(run, { color: line.color, width: 1.75 }))
    }
  }
  if (series.length > 1) parts.push(panel.legend(series.map((line) => ({ label: line.label, style: { color: line.color, width: 2 } }))))
  if (options.title) parts.push(`<text x="${width / 2}" y="22" text-anchor="middle" font-size="14" font-family="Helvetica, Arial, sans-serif">${escapeText(options.title)}</text>`)
  return svgDocument(width, height, options.title ?? 'loss', parts)
}
