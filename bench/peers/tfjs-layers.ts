// tfjs-layers 4.22 as the training peer (dev dependency only): the same workloads as a Keras-style
// tf.sequential model trained with model.trainOnBatch — one forward + backward + Adam update on one
// batch, the loss read back, which is what a curvenet step does too. float32 only (tfjs has no
// float64 kernels); its cpu backend, or its wasm backend (XNNPACK) on one thread.
import { loadTfjs } from './tfjs'
import { syntheticBatches, timeSteps, type Timing, type Workload } from '../training-workloads'

export async function tfjsTrainingTiming(workload: Workload, backend: 'cpu' | 'wasm'): Promise<Timing> {
  const tf = await loadTfjs()
  const layers = await import('@tensorflow/tfjs-layers')
  await tf.setBackend(backend)
  await tf.ready()
  const { sizes, hidden, batch } = workload
  const classes = sizes[sizes.length - 1]
  const model = layers.sequential()
  sizes.slice(1).forEach((units, i) => {
    const last = i === sizes.length - 2
    const activation = last ? (workload.loss === 'mse' ? 'linear' : 'softmax') : hidden
    model.add(layers.layers.dense({ units, activation, ...(i === 0 ? { inputShape: [sizes[0]] } : {}) }))
  })
  // Keras' usual pairing: softmax output + categorical cross-entropy on one-hot targets
  model.compile({ optimizer: tf.train.adam(1e-3), loss: workload.loss === 'mse' ? 'meanSquaredError' : 'categoricalCrossentropy' })
  const batches = syntheticBatches(workload).map(({ x, y }) => ({
    x: tf.tensor2d(Float32Array.from(x), [batch, sizes[0]]),
    y: workload.loss === 'mse' ? tf.tensor2d(Float32Array.from(y), [batch, 1]) : tf.oneHot(tf.tensor1d(Int32Array.from(y), 'int32'), classes),
  }))
  return timeSteps(async (index) => {
    const { x, y } = batches[index % batches.length]
    await model.trainOnBatch(x, y)
  }, batch)
}
