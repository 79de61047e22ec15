// `npm test`: builds the wasm, then runs every test file in Node and in headless Chromium.
// Without /usr/bin/chromium it says so and runs Node only — unless CURVENET_REQUIRE_BROWSER=1,
// when a missing browser fails the run.
import { existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'

const chromium = '/usr/bin/chromium'
const requireBrowser = process.env.CURVENET_REQUIRE_BROWSER === '1'
const haveBrowser = existsSync(chromium)
if (!haveBrowser) {
  if (requireBrowser) {
    console.error(`npm test: CURVENET_REQUIRE_BROWSER=1 but ${chromium} is missing (apt-get install -y chromium).`)
    process.exit(1)
  }
  console.warn(`npm test: no Chromium at ${chromium}; running the Node project only (apt-get install -y chromium to add the browser run).`)
}

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

run('npm', ['run', 'build:wasm', '--silent'])
run('npx', ['vitest', 'run', ...process.argv.slice(2)], { CURVENET_BROWSER: haveBrowser ? '1' : '0' })
