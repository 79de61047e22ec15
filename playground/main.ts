// The playground page: controls → a dataset and a model → fitInWorker (training runs in a Worker, so the page stays
// responsive) → pictures redrawn as the weights arrive (onWeights), and a status line for people and for automation.
import { fitInWorker, fromJSON, init, lossCurveSVG, runtime, surfaceSVG, tensor, type EpochLogs, type ModelJson, type Sequential, type SurfaceOptions } from '../src/index'
import { datasetLabels, datasetNames, makeDataset, type Dataset, type DatasetName } from './datasets'
import { buildModel, defaultSettings, lossFor, metricFor, modelLabels, modelNames, optimizerFor, type ModelName, type ModelSettings } from './models'
import { activationPictures } from './activations'
import { attachDrawing } from './drawing'
// digits grouped without toLocaleString: its first call loads the number formatter, measured at 45–66 ms of the main
// thread in headless Chromium here — a long task the moment training starts and the first speed is shown
import { grouped } from '../src/nn/summary'

type TrainingState = 'idle' | 'training' | 'stopped' | 'done'

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T
const controls = {
  dataset: element<HTMLSelectElement>('dataset'), model: element<HTMLSelectElement>('model'), activation: element<HTMLSelectElement>('activation'),
  width: element<HTMLInputElement>('width'), depth: element<HTMLInputElement>('depth'), grid: element<HTMLInputElement>('grid'),
  degree: element<HTMLInputElement>('degree'), learningRate: element<HTMLInputElement>('learningRate'), batchSize: element<HTMLInputElement>('batchSize'),
  epochs: element<HTMLInputElement>('epochs'), seed: element<HTMLInputElement>('seed'), backend: element<HTMLSelectElement>('backend'),
}
const buttons = { train: element<HTMLButtonElement>('train'), stop: element<HTMLButtonElement>('stop'), reset: element<HTMLButtonElement>('reset'), export: element<HTMLButtonElement>('export') }
const importInput = element<HTMLInputElement>('import')
const validationSplit = 0.2

const page = {
  dataset: undefined as unknown as Dataset,
  model: undefined as unknown as Sequential,
  history: [] as EpochLogs[],
  state: 'idle' as TrainingState,
  controller: undefined as AbortController | undefined,
  samplesPerSecond: 0,
  /** Adam, kept across presses of train (its moments and step count carry on, as fit() with the same optimizer would);
   *  a new one after reset, a backend switch, an import, or a change of the learning rate */
  optimizer: undefined as { rate: number; adam: ReturnType<typeof optimizerFor> } | undefined,
  /** the drawn curve; the default one until someone draws (made after init(): it uses curvenet's sin) */
  stroke: undefined as [number, number][] | undefined,
}

for (const name of datasetNames) controls.dataset.add(new Option(datasetLabels[name], name))
for (const name of modelNames) controls.model.add(new Option(modelLabels[name], name))
controls.dataset.value = 'spirals'
controls.model.value = 'mlp'

function showSettings(model: ModelName): void {
  const settings = defaultSettings[model]
  for (const key of ['width', 'depth', 'grid', 'degree', 'learningRate', 'batchSize', 'epochs'] as const) controls[key].value = String(settings[key])
  controls.activation.value = settings.activation
  for (const label of Array.from(document.querySelectorAll<HTMLElement>('label[data-for]'))) label.classList.toggle('hidden', label.dataset.for !== model)
}

function readSettings(): ModelSettings {
  const number = (input: HTMLInputElement) => Number(input.value)
  return {
    width: number(controls.width), depth: number(controls.depth), grid: number(controls.grid), degree: number(controls.degree),
    learningRate: number(controls.learningRate), batchSize: number(controls.batchSize), epochs: number(controls.epochs),
    activation: controls.activation.value as ModelSettings['activation'],
  }
}

function readSeed(): number {
  const seed = Number(controls.seed.value)
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a whole number ≥ 0, got ${controls.seed.value}`)
  return seed
}

/** Writes an element's text only when it changed: a new text node is laid out again, and the captions (one with φ, which
 *  the page's font lacks) are rewritten with every redraw of their picture. */
function setText(id: string, text: string): void {
  const target = element(id)
  if (target.textContent !== text) target.textContent = text
}

const say = (message: string) => setText('message', message)

/** init() on the backend the toggle shows; a model made on the previous runtime is remade from its JSON (same weights).
 *  One thread on the page: training runs in the Worker (one thread there too), and the page's own work is its draws — a
 *  pool thread here would compete with the Worker for the cores, and a draw waiting on its share becomes a long task. */
async function ensureBackend(): Promise<void> {
  const wanted = controls.backend.value as 'js' | 'wasm'
  let current: string | undefined
  try { current = runtime().backend.name } catch { current = undefined }
  if (current === wanted) return
  await init({ backend: wanted, threads: 1, quiet: true })
  if (page.model) page.model = fromJSON(page.model.toJSON())
  page.optimizer = undefined   // its state belongs to the old runtime's tensors
}

async function reset(): Promise<void> {
  await ensureBackend()
  page.dataset = makeDataset(controls.dataset.value as DatasetName, readSeed(), page.stroke)
  page.model = buildModel(controls.model.value as ModelName, readSettings(), page.dataset, readSeed())
  page.history = []
  page.optimizer = undefined
  page.samplesPerSecond = 0
  setState('idle')
  say('')
  scheduleDraw()
}

function setState(state: TrainingState): void {
  page.state = state
  const training = state === 'training'
  buttons.train.disabled = training
  buttons.stop.disabled = !training
  buttons.reset.disabled = training
  buttons.export.disabled = training
  importInput.disabled = training
  for (const control of Object.values(controls)) control.disabled = training
  writeStatus()
}

function writeStatus(): void {
  const last = page.history.at(-1)
  const metric = page.dataset ? metricFor(page.dataset) : 'accuracy'
  const status = { epoch: last?.epoch ?? 0, loss: last?.loss ?? null, [metric]: last?.[metric] ?? null, samplesPerSecond: Math.round(page.samplesPerSecond), state: page.state }
  setText('status', JSON.stringify(status))
  setText('speed', page.samplesPerSecond > 0 ? `${grouped(Math.round(page.samplesPerSecond))} samples/s on ${controls.backend.value}` : '')
}

/** Samples per second over the last second or so of epoch ends. */
function speedMeter(samplesPerEpoch: number) {
  const marks: [number, number][] = []
  return (epochsDone: number) => {
    const now = performance.now()
    marks.push([now, epochsDone])
    while (marks.length > 2 && now - marks[1][0] > 1000) marks.shift()
    const [then, before] = marks[0]
    if (now > then) page.samplesPerSecond = ((epochsDone - before) * samplesPerEpoch * 1000) / (now - then)
  }
}

async function train(): Promise<void> {
  if (page.state === 'training') return
  await ensureBackend()
  const settings = readSettings()
  const { dataset } = page
  const rows = dataset.targets.length
  const x = tensor(Float32Array.from(dataset.inputs), { shape: [rows, dataset.inputSize], dtype: 'float32' })
  const y = tensor(Float32Array.from(dataset.targets), { shape: [rows, 1], dtype: 'float32' })
  const offset = page.history.at(-1)?.epoch ?? 0
  const measure = speedMeter(rows - Math.floor(rows * validationSplit))
  if (page.optimizer?.rate !== settings.learningRate) page.optimizer = { rate: settings.learningRate, adam: optimizerFor(settings) }
  const controller = new AbortController()
  page.controller = controller
  setState('training')
  say('')
  try {
    const history = await fitInWorker(page.model, x, y, {
      loss: lossFor(dataset), optimizer: page.optimizer.adam, epochs: settings.epochs, batchSize: settings.batchSize,
      validationSplit, metrics: [metricFor(dataset)], logits: dataset.task === 'classification', signal: controller.signal,
      onEpochEnd: (logs) => { page.history.push({ ...logs, epoch: logs.epoch + offset }); measure(logs.epoch); scheduleLossDraw() },
      onWeights: () => scheduleDraw(['surface', 'activations']),
      weightsInterval: 100,
    })
    setState(history.stopped === 'aborted' ? 'stopped' : 'done')
  } catch (error) {
    setState('stopped')
    say(error instanceof Error ? error.message : String(error))
  } finally {
    x.dispose()
    y.dispose()
    page.controller = undefined
    scheduleDraw()
  }
}

// Pictures are redrawn one per animation frame, in turn (surface, loss, curves), only those that changed: each frame's
// work stays a fraction of the 50 ms that would make it a long task, and the page answers clicks while training.
const pictures = ['surface', 'loss', 'activations'] as const
type Picture = (typeof pictures)[number]
const stale = new Set<Picture>()
let frame: number | undefined
let lastDrawn = pictures.length - 1
let pointsDrawnFor: Dataset | undefined

function scheduleDraw(which: readonly Picture[] = pictures): void {
  for (const picture of which) stale.add(picture)
  frame ??= requestAnimationFrame(drawNext)
}

/** The loss curve at most ten times a second: epochs of a small set end hundreds of times a second. */
let lossDrawnAt = -Infinity
function scheduleLossDraw(): void {
  if (performance.now() - lossDrawnAt < 100) return
  lossDrawnAt = performance.now()
  scheduleDraw(['loss'])
}

function drawNext(): void {
  frame = undefined
  // the first stale picture after the last one drawn: the loss, stale after every epoch, cannot starve the others
  const next = [1, 2, 3].map((k) => pictures[(lastDrawn + k) % pictures.length]).find((picture) => stale.has(picture))
  if (next === undefined) return
  stale.delete(next)
  lastDrawn = pictures.indexOf(next)
  const start = performance.now()
  if (page.dataset && page.model) drawers[next](page.dataset, page.model)
  performance.measure(`draw ${next}`, { start })   // visible in DevTools' performance panel
  if (stale.size > 0) frame = requestAnimationFrame(drawNext)
}

const drawers: Record<Picture, (dataset: Dataset, model: Sequential) => void> = {
  surface(dataset, model) {
    const classification = dataset.task === 'classification'
    const options: SurfaceOptions = {
      output: classification ? 'logit' : 'value', resolution: dataset.inputSize === 2 ? 40 : 100, width: 400, height: 400,
      points: { inputs: dataset.inputs, targets: dataset.targets }, ...(dataset.inputSize === 1 ? { yRange: [-1.5, 1.5] } : {}),
    }
    element('surface-layer').innerHTML = surfaceSVG(model, { ...options, layer: 'surface' })
    // the points change only with the data: drawn once, over every new surface
    if (pointsDrawnFor !== dataset) {
      element('points-layer').innerHTML = surfaceSVG(model, { ...options, layer: 'points' })
      pointsDrawnFor = dataset
    }
    setText('surface-caption', dataset.name === 'curve'
      ? 'The fitted function (red) and the curve\'s samples (grey). Draw a new curve here with the mouse.'
      : classification ? `${datasetLabels[dataset.name]}: the model's probability of the orange class, and the points` : `${datasetLabels[dataset.name]}: the fitted function, and the points coloured by their target`)
  },
  loss() {
    element('loss').innerHTML = lossCurveSVG(page.history, { width: 480, height: 300 })
    writeStatus()
  },
  activations(dataset, model) {
    const inputs = tensor(Float32Array.from(dataset.inputs), { shape: [dataset.targets.length, dataset.inputSize], dtype: 'float32' })
    try {
      const { svg, caption } = activationPictures(model, inputs)
      element('activations').innerHTML = svg
      setText('activations-caption', caption)
    } finally {
      inputs.dispose()
    }
  },
}

function exportModel(): void {
  const blob = new Blob([JSON.stringify(page.model.toJSON())], { type: 'application/json' })
  const link = document.createElement('a')
  link.href = URL.createObjectURL(blob)
  link.download = `curvenet-${controls.model.value}-${controls.dataset.value}.json`
  link.click()
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000)
}

async function importModel(file: File): Promise<void> {
  await ensureBackend()
  const model = fromJSON(JSON.parse(await file.text()) as ModelJson)
  const width = model.predict(new Float32Array(page.dataset.inputSize)).length
  if (width !== 1) throw new RangeError(`the imported model has ${width} outputs; the playground draws models with one output`)
  page.model = model
  page.history = []
  page.optimizer = undefined
  setState('idle')
  say(`imported ${file.name}`)
  scheduleDraw()
}

const guarded = <A extends unknown[]>(action: (...args: A) => Promise<void> | void) => async (...args: A) => {
  try { await action(...args) } catch (error) { say(error instanceof Error ? error.message : String(error)) }
}

buttons.train.addEventListener('click', guarded(train))
buttons.stop.addEventListener('click', () => page.controller?.abort())
buttons.reset.addEventListener('click', guarded(reset))
buttons.export.addEventListener('click', guarded(exportModel))
importInput.addEventListener('change', guarded(async () => { const file = importInput.files?.[0]; if (file) await importModel(file); importInput.value = '' }))
controls.model.addEventListener('change', guarded(() => { showSettings(controls.model.value as ModelName); return reset() }))
for (const key of ['dataset', 'activation', 'width', 'depth', 'grid', 'degree', 'seed', 'backend'] as const) controls[key].addEventListener('change', guarded(reset))
attachDrawing(element('surface'), () => page.dataset?.name === 'curve' && page.state !== 'training', guarded(async (stroke: [number, number][]) => {
  page.stroke = stroke
  page.dataset = makeDataset('curve', readSeed(), stroke)
  page.history = []
  page.optimizer = undefined
  scheduleDraw()
}))
setInterval(writeStatus, 250)

/** For automation (the Playwright tests): the model's outputs for rows, the history, the model as JSON. */
Object.assign(window, {
  playground: {
    predict: (rows: number[][]) => page.model.predict(rows),
    history: () => page.history,
    modelJSON: () => page.model.toJSON(),
    dataset: () => ({ inputs: Array.from(page.dataset.inputs), targets: Array.from(page.dataset.targets) }),
    state: () => page.state,
  },
})

showSettings('mlp')
guarded(reset)()
