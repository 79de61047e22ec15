// An optimizer crosses into a worker as its config() — built-in kinds only, their learning-rate
// schedule as JSON (schedule.ts) — and the worker rebuilds it with the same numbers, so its steps
// give the same bits. A first-order optimizer's state (moments, velocities, step counts) travels
// beside it (stateOf/loadState) and comes back when the training ends, so training again with the
// same optimizer continues as fit() would; L-BFGS's curvature history does not, so it must be unused.
import type { ClosureOptimizer } from '../train/fit'
import { adam, adamw, sgd, type FirstOrderOptimizer } from '../optim/optimizer'
import { lbfgs } from '../optim/lbfgs'
import { scheduleFromJSON, type ScheduleJson } from '../optim/schedule'

const builders = { sgd, adam, adamw, lbfgs } as Record<string, (options: Record<string, unknown>) => FirstOrderOptimizer | ClosureOptimizer>

/** The config to send, or a TypeError saying why this optimizer cannot go to a worker. */
export function optimizerToConfig(where: string, optimizer: FirstOrderOptimizer | ClosureOptimizer): Record<string, unknown> {
  if (typeof optimizer !== 'object' || optimizer === null || typeof optimizer.config !== 'function' || !Object.hasOwn(builders, optimizer.kind)) {
    throw new TypeError(`${where}: optimizer must be one of curvenet's (${Object.keys(builders).join(', ')}): a worker rebuilds it from its config()`)
  }
  const used = optimizer.kind === 'lbfgs' ? (optimizer as { evaluations?: number }).evaluations ?? 0 : 0
  if (used > 0) {
    throw new TypeError(`${where}: this lbfgs optimizer has already been used (its curvature history lives on this thread and cannot follow into a worker); pass a new one, e.g. lbfgs({ … })`)
  }
  const config = optimizer.config()
  if (config.lr === 'schedule') {
    throw new TypeError(`${where}: the optimizer's lr is a schedule function a worker cannot receive; use stepDecay/exponentialDecay/cosineDecay, ` +
      `or registerSchedule('name', fn) on this thread and in the worker's setup module`)
  }
  return config
}

export function optimizerFromConfig(where: string, config: Record<string, unknown>): FirstOrderOptimizer | ClosureOptimizer {
  const { kind, ...options } = config
  if (typeof options.lr === 'object' && options.lr !== null) options.lr = scheduleFromJSON(where, options.lr as ScheduleJson)
  return builders[kind as string](options)
}
