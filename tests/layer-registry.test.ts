// The layer registry behind fromJSON: the built-in kinds rebuild from one table, a customLayer
// survives toJSON → text → fromJSON once registerLayer knows its kind (config and weights bit for
// bit), and everything else is refused with what to do.
import { beforeAll, describe, expect, it } from 'vitest'
import { act, bezierAct, customLayer, dense, fromJSON, init, kan, mul, registerLayer, sequential, sine, tanh, tensor, type BuildContext } from '../src/index'
import { randomValues, sameBits } from './support/oracle'

/** y = tanh(x ⊙ scale) with one learnable scale per column: a custom layer whose config says its width. */
function scaledTanh(config: { width: number }) {
  return customLayer({
    kind: 'scaledTanh',
    config,
    build: ({ generator, dtype }: BuildContext) => [tensor(Array.from({ length: config.width }, () => 0.5 + generator.uniform()), { dtype, shape: [1, config.width] })],
    forward: (x, [scale]) => tanh(mul(x, scale)),
  })
}

beforeAll(async () => {
  await init({ backend: 'wasm' })
})

describe('layer registry', () => {
  it('rebuilds every built-in kind from its JSON, weights and predictions bit for bit', () => {
    const model = sequential([sine(2, 4, { first: true }), kan(4, 3, { grid: 4 }), bezierAct(3), dense(3, 2), act('leakyRelu', { alpha: 0.2 })], { seed: 5, dtype: 'float64' })
    const restored = fromJSON(JSON.stringify(model.toJSON()))
    expect(restored.layers.map((layer) => layer.kind)).toEqual(['sine', 'kan', 'bezierAct', 'dense', 'activation'])
    expect(restored.layers.map((layer) => layer.config())).toEqual(model.layers.map((layer) => layer.config()))
    const x = tensor(randomValues(6, 10, -1, 1), { dtype: 'float64', shape: [5, 2] })
    expect(sameBits(restored.predict(x).data, model.predict(x).data)).toBe(true)
  })

  it('refuses an unregistered kind, naming the known kinds and how to register it', () => {
    const json = sequential([dense(2, 3), scaledTanh({ width: 3 })], { seed: 1 }).toJSON()
    expect(() => fromJSON({ ...json, layers: [{ ...json.layers[1], kind: 'mystery' }] })).toThrow(new TypeError(
      'fromJSON: layers[0] has unknown kind "mystery"; known kinds: dense, activation, kan, bezierAct, sine. ' +
      'A custom layer is rebuilt once its kind is registered: registerLayer("mystery", (config) => customLayer({ kind: "mystery", config, build, forward }))'))
  })

  it('lets a customLayer survive toJSON → text → fromJSON once its kind is registered', () => {
    const model = sequential([dense(2, 3), scaledTanh({ width: 3 }), dense(3, 1)], { seed: 8, dtype: 'float32' })
    const text = JSON.stringify(model.toJSON())
    expect(() => fromJSON(text)).toThrow(/layers\[1\] has unknown kind "scaledTanh"; known kinds: dense, activation, kan, bezierAct, sine\. A custom layer/)
    registerLayer('scaledTanh', (config) => scaledTanh(config as { width: number }))
    const restored = fromJSON(text)
    expect(restored.layers[1].kind).toBe('scaledTanh')
    expect(restored.layers[1].config()).toEqual({ width: 3 })
    model.parameters.forEach((p, i) => expect(sameBits(restored.parameters[i].data, p.data), `parameter ${i}`).toBe(true))
    const x = tensor(randomValues(9, 8, -2, 2), { shape: [4, 2] })
    expect(sameBits(restored.predict(x).data, model.predict(x).data)).toBe(true)
  })

  it('refuses a factory that makes a layer of another kind', () => {
    registerLayer('renamed', () => customLayer({ forward: (x) => x }))
    const json = sequential([customLayer({ kind: 'renamed', forward: (x) => x })], { seed: 2 }).toJSON()
    expect(() => fromJSON(json)).toThrow(new TypeError(
      'fromJSON: layers[0]: the factory registered for kind "renamed" made a layer of kind "custom"; give the layer that kind (customLayer({ kind: "renamed", … }))'))
  })

  it.each([
    ['a built-in kind', () => registerLayer('dense', () => dense(1, 1)), /^registerLayer: "dense" is a built-in layer kind; give the custom layer a kind of its own$/],
    ['an empty kind', () => registerLayer('', () => dense(1, 1)), /^registerLayer: kind must be a non-empty string, got the empty string$/],
    ['a kind that is not a string', () => registerLayer(7 as unknown as string, () => dense(1, 1)), /^registerLayer: kind must be a non-empty string, got number$/],
    ['a factory that is not a function', () => registerLayer('thing', {} as never), /^registerLayer: fromConfig must be a function \(config\) => Layer, got object$/],
    ['a customLayer config that is an array', () => customLayer({ config: [] as never, forward: (x) => x }), /^customLayer: config must be a plain object of JSON values, got an Array$/],
  ])('refuses %s', (_, call, message) => {
    expect(call).toThrow(TypeError)
    expect(call).toThrow(message)
  })
})
