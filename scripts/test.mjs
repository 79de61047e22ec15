// `npm test`: builds the wasm, then runs every test file in Node and in headless Chromium, then the playground's page tests.
// Chromium is found at CHROMIUM_PATH, else /usr/bin/chromium, else Playwright's own download; with
// none it says so and runs Node only — unless CURVENET_REQUIRE_BROWSER=1, when a missing browser
// fails the run. Ends with one plain count line per environment.
import { existsSync, readFileSync, mkdirSync, rmSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { findChromium } from './find-chromium.mjs'

const chromium = findChromium()
const requireBrowser = process.env.CURVENET_REQUIRE_BROWSER === '1'
const haveBrowser = chromium !== undefined
const looked = `CHROMIUM_PATH (${process.env.CHROMIUM_PATH ?? 'unset'}), /usr/bin/chromium, Playwright's own`
if (!haveBrowser) {
  if (requireBrowser) {
    console.error(`npm test: CURVENET_REQUIRE_BROWSER=1 but no Chromium was found (looked at ${looked}); apt-get install -y chromium.`)
    process.exit(1)
  }
  console.warn(`npm test: no Chromium found (looked at ${looked}); running the Node project only (apt-get install -y chromium to add the browser run).`)
} else {
  console.log(`npm test: Chromium at ${chromium.path} (${chromium.source})`)
}

function run(command, args, env = {}) {
  return spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1
}

if (run('npm', ['run', 'build:wasm', '--silent']) !== 0) process.exit(1)
mkdirSync('build', { recursive: true })
const projects = haveBrowser ? ['node', 'chromium', 'page'] : ['node']
const totals = []
let status = 0
for (const project of projects) {
  const report = `build/vitest-${project}.json`
  rmSync(report, { force: true })   // a crashed run must not be read as the last one's counts
  const code = run('npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json',
    `--outputFile.json=${report}`, ...process.argv.slice(2)], { CURVENET_BROWSER: haveBrowser ? '1' : '0', CURVENET_CHROMIUM: chromium?.path ?? '' })
  if (code !== 0) status = code
  const results = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : { numPassedTests: 0, numFailedTests: 1 }
  totals.push({ project, passed: results.numPassedTests, failed: results.numFailedTests })
}
for (const { project, passed, failed } of totals) console.log(`${project}: ${passed} passed, ${failed} failed`)
const sum = (key) => totals.reduce((total, entry) => total + entry[key], 0)
console.log(`${sum('passed')} passed, ${sum('failed')} failed`)
process.exit(status)
