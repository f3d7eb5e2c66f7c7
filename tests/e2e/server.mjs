// Starts and stops the real backend binary for browser tests: a fresh SQLite file per
// test, a fixed port so the PWA keeps its origin (and its service worker) across a
// restart, and a real kill when a test needs the server gone.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import net from "node:net";

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export function freshDataDir() {
  return mkdtempSync(join(tmpdir(), "vstbpn-e2e-"));
}

export async function startServer(port, dataDir, staticDir = process.env.STATIC_DIR) {
  const bin = process.env.BACKEND_BIN;
  if (!bin) throw new Error("BACKEND_BIN is not set (run through `cargo xtask test`)");
  const child = spawn(bin, ["serve", "--demo"], {
    env: {
      ...process.env,
      LISTEN: `127.0.0.1:${port}`,
      DATABASE_URL: `sqlite:${join(dataDir, "e2e.db")}`,
      STATIC_DIR: staticDir,
      RUST_LOG: "warn",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  const deadline = Date.now() + 30000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/ready`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => output };
}

export async function killServer(server) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((r) => server.child.once("exit", r));
  server.child.kill("SIGKILL");
  await exited;
}

// Creates an account with the administrator's command, as a province does for its units.
export function createUser(dataDir, { username, name, role, unit, password }) {
  const args = ["user-create", "--username", username, "--name", name, "--role", role, "--password-stdin"];
  if (unit) args.push("--unit", String(unit));
  const run = spawnSync(process.env.BACKEND_BIN, args, {
    env: { ...process.env, DATABASE_URL: `sqlite:${join(dataDir, "e2e.db")}`, RUST_LOG: "warn" },
    input: `${password}\n`,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`user-create ${username}: ${run.stderr}${run.stdout}`);
}
