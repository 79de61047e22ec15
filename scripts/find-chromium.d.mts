/** CHROMIUM_PATH, else /usr/bin/chromium, else Playwright's own browser; undefined when none exists. */
export function findChromium(): { path: string; source: 'CHROMIUM_PATH' | 'Debian' | "Playwright's own" } | undefined
