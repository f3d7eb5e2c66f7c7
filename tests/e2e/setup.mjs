// One set-up for every browser test: the real backend binary on a free port with its own
// SQLite file and demo accounts, and a real Chromium. A test that needs the network gone
// stops the server and starts it again at the same origin (so the PWA keeps its service
// worker and its data). Both end when the test's body does, passed or failed.
import { freePort, freshDataDir, startServer, killServer, createUser } from "./server.mjs";
import { launch } from "./browser.mjs";
import { rmSync } from "node:fs";

/// Runs `body({ base, browser, stopServer, startServer, createUser })`; `staticDir` serves
/// another build of the PWA than the one under test.
export async function withApp(body, { staticDir } = {}) {
  const port = await freePort();
  const dataDir = freshDataDir();
  let server = await startServer(port, dataDir, staticDir);
  const browser = await launch();
  const app = {
    base: `http://127.0.0.1:${port}`,
    browser,
    // The server killed (SIGKILL), as a lost signal looks to a phone.
    stopServer: () => killServer(server),
    // The server back on the same port and database.
    startServer: async () => {
      server = await startServer(port, dataDir, staticDir);
    },
    // An account beside the demo ones (`backend user-create`).
    createUser: (account) => createUser(dataDir, account),
  };
  try {
    await body(app);
  } finally {
    await browser.close();
    await killServer(server);
    // The test's database goes with it: nothing is left in the temporary folder.
    rmSync(dataDir, { recursive: true, force: true });
  }
}
