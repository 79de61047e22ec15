// One suite, two environments: every test file runs in Node and in headless Chromium through
// Playwright (the browser as scripts/find-chromium.mjs finds it). A third project, 'page', drives the
// built playground in that Chromium from Node (tests/*.page.test.ts). scripts/test.mjs drops the browser
// projects when no Chromium is installed, unless CURVENET_REQUIRE_BROWSER=1.
import { defineConfig } from 'vitest/config'
import { playwright } from '@vitest/browser-playwright'
import { findChromium } from './scripts/find-chromium.mjs'

const withBrowser = process.env.CURVENET_BROWSER !== '0'
const chromiumPath = process.env.CURVENET_CHROMIUM || findChromium()?.path
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync']

export default defineConfig({
  test: {
    globalSetup: ['./tests/support/global-setup.ts'],
    projects: [
      // --expose-gc lets the Node-only memory tests ask for a collection before measuring the heap
      { test: { name: 'node', environment: 'node', include: ['tests/**/*.test.ts'], exclude: ['tests/**/*.browser.test.ts', 'tests/**/*.page.test.ts'], testTimeout: 60_000, execArgv: ['--expose-gc'] } },
      ...(withBrowser ? [{
        test: {
          name: 'chromium',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/**/*.node.test.ts', 'tests/**/*.page.test.ts'],
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
            instances: [{ browser: 'chromium' as const }],
          },
        },
      }, {
        // the playground, built and served, in a Chromium that Playwright starts from Node (one page at a time: the
        // tests measure main-thread long tasks, which a second page training beside it would cause)
        test: { name: 'page', environment: 'node', include: ['tests/**/*.page.test.ts'], testTimeout: 90_000, hookTimeout: 120_000, fileParallelism: false },
      }] : []),
    ],
  },
})
