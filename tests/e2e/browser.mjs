// Debian's Chromium driven by playwright-core, with the flags this closed network needs.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), "artifacts");
mkdirSync(ARTIFACTS, { recursive: true });

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/// A phone-sized context: 360 × 640 CSS pixels, touch.
export function phone(browser) {
  return browser.newContext({ viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true, locale: "vi-VN" });
}

export async function login(page, username, password) {
  await page.fill("input[name=username]", username);
  await page.fill("input[name=password]", password);
  await page.click("button[type=submit]");
}

// Taps "Đồng bộ ngay" and waits for that cycle to finish (the last-sync time moves).
export async function syncNow(page) {
  const last = page.getByTestId("last-sync");
  const before = await last.getAttribute("data-at");
  await page.getByRole("button", { name: "Đồng bộ ngay" }).click();
  await page.waitForFunction(
    (previous) => {
      const at = document.querySelector("[data-testid=last-sync]")?.getAttribute("data-at");
      return at && at !== previous;
    },
    before,
    { timeout: 30000 },
  );
  await page.getByTestId("pending").getByText("Mọi thay đổi đã được gửi").waitFor();
}
