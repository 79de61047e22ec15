// fit({ verbose: 1 }): progress while training — epoch, loss, samples/s and time left. In a terminal (Node with a TTY on
// stderr) one line rewritten in place; elsewhere (a browser, a worker, a pipe) console lines at most once a second,
// always with the last epoch. Reads the clock only: the training's numbers are untouched.

export interface ProgressLine { epoch: number; epochs: number; loss: number; samplesPerSecond: number; secondsLeft: number }

export function formatProgress({ epoch, epochs, loss, samplesPerSecond, secondsLeft }: ProgressLine): string {
  const rate = samplesPerSecond >= 1e6 ? `${(samplesPerSecond / 1e6).toFixed(2)}M` : samplesPerSecond >= 1e3 ? `${(samplesPerSecond / 1e3).toFixed(1)}k` : samplesPerSecond.toFixed(0)
  const left = secondsLeft >= 3600 ? `${(secondsLeft / 3600).toFixed(1)} h` : secondsLeft >= 60 ? `${(secondsLeft / 60).toFixed(1)} min` : `${secondsLeft.toFixed(0)} s`
  return `epoch ${epoch}/${epochs} · loss ${loss.toPrecision(4)} · ${rate} samples/s · ${left} left`
}

interface Terminal { isTTY?: boolean; write(text: string): unknown }

function terminalOf(): Terminal | undefined {
  const stderr = (globalThis as { process?: { stderr?: Terminal } }).process?.stderr
  return stderr?.isTTY ? stderr : undefined
}

/** A reporter for one training of `epochs` epochs over `samplesPerEpoch` rows; call epochEnd after each epoch, end once. */
export function progressReporter(epochs: number, samplesPerEpoch: number, now: () => number = () => performance.now(), terminal = terminalOf(), log: (text: string) => void = console.log) {
  const start = now()
  let lastShown = -Infinity, shownText = ''
  const show = (text: string) => {
    if (terminal) terminal.write(`\r${text}\u001b[K`)
    else log(text)
    shownText = text
  }
  return {
    epochEnd(epoch: number, loss: number): void {
      const time = now()
      if (epoch < epochs && time - lastShown < (terminal ? 100 : 1000)) return
      lastShown = time
      const seconds = Math.max((time - start) / 1000, 1e-9)
      show(formatProgress({ epoch, epochs, loss, samplesPerSecond: (epoch * samplesPerEpoch) / seconds, secondsLeft: (seconds / epoch) * (epochs - epoch) }))
    },
    /** Ends the terminal line (training finished, stopped early or failed). */
    end(): void {
      if (terminal && shownText !== '') terminal.write('\n')
    },
  }
}
