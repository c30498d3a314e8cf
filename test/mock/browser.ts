import { mkdirSync } from "node:fs";
import { join } from "node:path";
import puppeteer from "puppeteer-core";
import { ROOT } from "../helpers.js";

/** Debian's `chromium` (installed by `.ci/run`), or what CHROMIUM_PATH names. */
export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

export interface RenderedDocs {
  /** Operations Swagger UI rendered (one `.opblock` each, counted while scrolling), and the summaries shown. */
  operations: number;
  summaries: string[];
  /** The element id of each operation rendered (`operations-<tag>-<operationId>`). */
  ids: string[];
  /** What the page logged as errors (console errors and uncaught exceptions). */
  errors: string[];
  /** The first server the page offers "Try it out" against. */
  firstServer: string | undefined;
  screenshot: string;
}

/** Opens `/docs/` of a running mock in headless Chromium, waits for every operation to render, and keeps a screenshot. */
export async function renderDocs(url: string, name: string, expected: number, timeoutMs: number): Promise<RenderedDocs> {
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(`${url}/docs/`, { waitUntil: "load", timeout: timeoutMs });
    // Swagger UI renders only the operations in view (a virtual list): scroll through the page and
    // collect each operation as it appears, by its element id.
    await page.waitForSelector(".opblock", { timeout: timeoutMs });
    const seen = new Map<string, string>();
    let still = 0;
    while (still < 4) {
      const visible = await page.$$eval(".opblock", (nodes) => nodes.map((node) => [node.id, node.querySelector(".opblock-summary-description")?.textContent ?? ""] as const));
      const before = seen.size;
      for (const [id, summary] of visible) seen.set(id, summary);
      const atBottom = await page.evaluate(() => {
        window.scrollBy(0, window.innerHeight * 0.8);
        return window.innerHeight + window.scrollY >= document.body.scrollHeight - 2;
      });
      await new Promise((settle) => setTimeout(settle, 60));
      still = atBottom && seen.size === before ? still + 1 : seen.size >= expected && atBottom ? still + 1 : 0;
    }
    const summaries = [...seen.values()].filter((summary) => summary !== "");
    const operations = seen.size;
    await page.evaluate(() => window.scrollTo(0, 0));
    const firstServer = await page.$$eval(".servers select option", (nodes) => nodes[0]?.getAttribute("value") ?? undefined);
    const folder = join(ROOT, ".tmp", "artifacts");
    mkdirSync(folder, { recursive: true });
    const screenshot = join(folder, `mock-docs-${name}.png`);
    await page.screenshot({ path: screenshot });
    return { operations, summaries, ids: [...seen.keys()], errors, firstServer, screenshot };
  } finally {
    await browser.close();
  }
}
