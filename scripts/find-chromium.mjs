// Where the browser half of the suite finds Chromium: CHROMIUM_PATH if set, else Debian's
// /usr/bin/chromium, else the browser Playwright downloaded for itself (if it ever could). Returns
// the path and how it was found, or undefined when none exists.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'

export function findChromium() {
  const fromEnvironment = process.env.CHROMIUM_PATH
  if (fromEnvironment) return existsSync(fromEnvironment) ? { path: fromEnvironment, source: 'CHROMIUM_PATH' } : undefined
  if (existsSync('/usr/bin/chromium')) return { path: '/usr/bin/chromium', source: 'Debian' }
  try {
    const { chromium } = createRequire(import.meta.url)('playwright')
    const path = chromium.executablePath()
    if (path && existsSync(path)) return { path, source: "Playwright's own" }
  } catch {
    // playwright not installed or its browser registry unreadable: no third place to look
  }
  return undefined
}
