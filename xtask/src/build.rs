//! Builds the PWA into `dist/` without downloading anything:
//!
//! 1. `cargo build` of the frontend for wasm32 with the size-first `wasm-release` profile,
//!    twice: the field build, and the reviewer's build (feature `review`; see
//!    `frontend/src/builds.rs`);
//! 2. `wasm-bindgen --target web` (the CLI at the locked version);
//! 3. `wasm-opt -Os` (binaryen 132 from npm; its output compresses 1 KB smaller than
//!    `-Oz`'s, though 1,5 % larger raw), then the module's custom sections dropped
//!    ([`without_custom_sections`]), and the JS glue minified by terser (npm);
//! 4. the stylesheet minified ([`minify_css`]); content-hashed names for the JS, the
//!    wasm and the CSS; `index.html` and `boot.js` pointing at them; `sw.js` with the build id, the precache list (the field build and
//!    the shell) and the reviewer's build, which it caches once a reviewer loads it;
//! 5. the PNG icons for installing (drawn by `icons.rs`);
//! 6. a `.br` and a `.gz` beside each file, which the server sends as they are.
//!
//! It prints each file's raw, gzip and brotli size and the first-visit totals: an
//! officer's (every file but the reviewer's build) and a reviewer's (every file), and
//! fails when the officer's passes [`OFFICER_FIRST_VISIT_BUDGET`] or when the field build
//! holds code its size rules forbid (`size_rules.rs`).

use crate::run_command;
use crate::setup::wasm_opt;
use anyhow::{Context, Result};
use sha2::{Digest, Sha256};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One file of the build and its sizes.
pub struct Output {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

pub fn pwa(root: &Path) -> Result<Vec<Output>> {
    let stage = root.join("target/pwa-stage");
    let _ = fs::remove_dir_all(&stage);
    let field = wasm_build(root, &stage.join("field"), &[])?;
    let review = wasm_build(root, &stage.join("review"), &["--features", "review"])?;

    let dist = root.join("dist");
    let _ = fs::remove_dir_all(&dist);
    fs::create_dir_all(&dist)?;
    let frontend = root.join("frontend");
    let app_js = hashed_copy(&field.join("frontend.js"), &dist, "app", "js")?;
    let app_wasm = hashed_copy(&field.join("frontend_bg.wasm"), &dist, "app_bg", "wasm")?;
    let review_js = hashed_copy(&review.join("frontend.js"), &dist, "review", "js")?;
    let review_wasm = hashed_copy(&review.join("frontend_bg.wasm"), &dist, "review_bg", "wasm")?;
    let style_path = stage.join("style.css");
    fs::write(
        &style_path,
        minify_css(&fs::read_to_string(frontend.join("style.css"))?),
    )?;
    let style = hashed_copy(&style_path, &dist, "style", "css")?;
    let boot_source = fs::read_to_string(frontend.join("boot.js"))?
        .replace("{{APP_JS}}", &app_js)
        .replace("{{APP_WASM}}", &app_wasm)
        .replace("{{REVIEW_JS}}", &review_js)
        .replace("{{REVIEW_WASM}}", &review_wasm);
    let boot_path = stage.join("boot.js");
    fs::write(&boot_path, boot_source)?;
    minify_module(root, &boot_path)?;
    let boot = hashed_copy(&boot_path, &dist, "boot", "js")?;
    let hashed = [
        app_js.clone(),
        app_wasm.clone(),
        style.clone(),
        boot.clone(),
    ];
    let reviewer_only = [review_js.clone(), review_wasm.clone()];
    for name in ["manifest.webmanifest", "icon.svg"] {
        fs::copy(frontend.join("static").join(name), dist.join(name))?;
    }
    let icons = [
        crate::icons::write(&dist, 192)?,
        crate::icons::write(&dist, 512)?,
    ];
    let index = fs::read_to_string(frontend.join("index.html"))?
        .replace("{{APP_JS}}", &app_js)
        .replace("{{APP_WASM}}", &app_wasm)
        .replace("{{STYLE}}", &style)
        .replace("{{BOOT_JS}}", &boot);
    fs::write(dist.join("index.html"), index)?;

    let build_id = hex(&Sha256::digest(
        [hashed.join("|"), reviewer_only.join("|")]
            .join("|")
            .as_bytes(),
    ))[..16]
        .to_string();
    let mut precache: Vec<String> = hashed.iter().map(|n| format!("/{n}")).collect();
    precache.extend(["/manifest.webmanifest".to_string(), "/icon.svg".to_string()]);
    precache.extend(icons.iter().map(|n| format!("/{n}")));
    let review_list: Vec<String> = reviewer_only.iter().map(|n| format!("/{n}")).collect();
    let sw = fs::read_to_string(frontend.join("sw.js"))?
        .replace("__BUILD_ID__", &build_id)
        .replace("__PRECACHE__", &js_list(&precache))
        .replace("__REVIEW__", &js_list(&review_list));
    fs::write(dist.join("sw.js"), sw)?;
    minify_script(root, &dist.join("sw.js"))?;

    let mut outputs = Vec::new();
    let mut names: Vec<PathBuf> = fs::read_dir(&dist)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    names.sort();
    for path in names {
        outputs.push(compress(&path)?);
    }
    println!("\nPWA build {build_id} in dist/:");
    println!(
        "{:<40} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    for o in &outputs {
        println!(
            "{:<40} {:>10} {:>10} {:>10}",
            o.name, o.raw, o.gzip, o.brotli
        );
    }
    let officer: usize = outputs
        .iter()
        .filter(|o| !reviewer_only.contains(&o.name))
        .map(|o| o.brotli)
        .sum();
    let reviewer: usize = outputs.iter().map(|o| o.brotli).sum();
    println!(
        "{:<40} {:>10} {:>10} {:>10}",
        "first visit, officer (field build)", "", "", officer
    );
    println!(
        "{:<40} {:>10} {:>10} {:>10}",
        "first visit, reviewer (both builds)", "", "", reviewer
    );
    check_budget(officer)?;
    Ok(outputs)
}

/// What an officer's phone may download on its first visit, brotli: the field build,
/// the shell, the icons, everything the service worker precaches. Officers in mountain
/// communes install the app over a slow, metered mobile link; the whole first visit must
/// fit in 450 KB.
pub const OFFICER_FIRST_VISIT_BUDGET: usize = 450_000;

/// Fails the build when the officer's first visit passes its budget, and says where it
/// stands either way.
fn check_budget(officer: usize) -> Result<()> {
    let budget = OFFICER_FIRST_VISIT_BUDGET;
    if officer > budget {
        anyhow::bail!(
            "the officer's first visit is {officer} B brotli, {} B over its budget of {budget} B",
            officer - budget
        );
    }
    println!(
        "officer's first visit: {officer} of {budget} B brotli ({} B left)\n",
        budget - officer
    );
    Ok(())
}

/// The frontend built for wasm32 with `features`, through wasm-bindgen and wasm-opt, into
/// `out` (`frontend.js`, `frontend_bg.wasm`).
///
/// The standard library is rebuilt for size with the app (`-Zbuild-std`, from the
/// toolchain's own `rust-src`), with three options stable Rust keeps behind
/// `RUSTC_BOOTSTRAP` on this pinned toolchain: a panic aborts at once (a panic message has
/// nowhere to go on wasm32-unknown-unknown anyway), `{:?}` prints nothing (no Debug impl,
/// no type or field name is shipped; nothing the user sees uses Debug), and panics carry
/// no file and line.
///
/// `--cfg erase_components` is Leptos's own switch: every component returns a type-erased
/// view, so a page's whole element tree is not one deeply nested type whose build and
/// rebuild code is generated again at every level.
/// std's own `optimize_for_size` feature picks its smaller algorithms (sorting,
/// formatting, searching) over its fastest ones, and `sha2`'s compact SHA-256 (Automerge
/// hashes every change with it) replaces its unrolled one. What each flag saves is
/// measured by building without it (BENCHMARKS.md gives the current sizes).
fn wasm_build(root: &Path, out: &Path, features: &[&str]) -> Result<PathBuf> {
    run_command(
        Command::new("cargo")
            .args([
                "build",
                "-p",
                "frontend",
                "--target",
                "wasm32-unknown-unknown",
                "--profile",
                "wasm-release",
                "-Zbuild-std=std,panic_abort",
                "-Zbuild-std-features=optimize_for_size",
            ])
            .args(features)
            .env("RUSTC_BOOTSTRAP", "1")
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
                "-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none --cfg erase_components --cfg sha2_backend_soft=\"compact\"",
            ),
    )?;
    let built = root.join("target/wasm32-unknown-unknown/wasm-release/frontend.wasm");
    if features.is_empty() {
        let functions = crate::size_rules::check_wasm(&fs::read(&built)?)?;
        println!("field build: {functions} functions, none its size rules forbid");
    }
    fs::create_dir_all(out)?;
    run_command(Command::new("wasm-bindgen").args([
        "--target",
        "web",
        "--no-typescript",
        "--out-dir",
        out.to_str().context("path")?,
        built.to_str().context("path")?,
    ]))?;
    minify_module(root, &out.join("frontend.js"))?;
    let wasm = out.join("frontend_bg.wasm");
    run_command(Command::new(wasm_opt(root)).args([
        "-Os",
        "--enable-bulk-memory",
        "--enable-nontrapping-float-to-int",
        "--enable-sign-ext",
        "--enable-mutable-globals",
        "--enable-reference-types",
        "--enable-multivalue",
        wasm.to_str().context("path")?,
        "-o",
        wasm.to_str().context("path")?,
    ]))?;
    let bytes = fs::read(&wasm)?;
    fs::write(
        &wasm,
        without_custom_sections(&bytes).context("a malformed wasm module")?,
    )?;
    Ok(out.to_path_buf())
}

/// The module without its custom sections (the tools' `producers`, `target_features`
/// and wasm-bindgen's own): the browser reads none of them, and they are bytes on every
/// officer's first visit. `None` if the module is not well formed.
fn without_custom_sections(module: &[u8]) -> Option<Vec<u8>> {
    let mut out = module.get(..8)?.to_vec();
    let mut at = 8;
    while at < module.len() {
        let id = module[at];
        let (size, body) = leb128_u32(module, at + 1)?;
        let end = body.checked_add(size as usize)?;
        if end > module.len() {
            return None;
        }
        if id != 0 {
            out.extend_from_slice(&module[at..end]);
        }
        at = end;
    }
    Some(out)
}

/// An unsigned LEB128 number at `at`: its value and where what follows starts.
fn leb128_u32(bytes: &[u8], mut at: usize) -> Option<(u32, usize)> {
    let mut value = 0u32;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(at)?;
        at += 1;
        value |= u32::from(byte & 0x7f).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return Some((value, at));
        }
    }
    None
}

/// Minifies an ES module in place with terser (npm, pinned in package.json): the JS glue
/// wasm-bindgen writes is half comments and long local names (field build: 7 280 -> 5 811
/// B brotli). Property and export names are kept, so the wasm's imports still match.
fn minify_module(root: &Path, path: &Path) -> Result<()> {
    terser(root, path, &["--module"])
}

/// Minifies a classic script (the service worker) in place. Its top-level names stay,
/// so `const BUILD="…"` still names the build.
fn minify_script(root: &Path, path: &Path) -> Result<()> {
    terser(root, path, &[])
}

fn terser(root: &Path, path: &Path, options: &[&str]) -> Result<()> {
    let path = path.to_str().context("path")?;
    run_command(
        Command::new("node")
            .arg(root.join("node_modules/terser/bin/terser"))
            .arg(path)
            .args(options)
            .args(["--compress", "--mangle", "-o", path]),
    )
}

/// `["/a", "/b"]` for the service worker.
fn js_list(paths: &[String]) -> String {
    format!(
        "[{}]",
        paths
            .iter()
            .map(|p| format!("\"{p}\""))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The stylesheet without its comments, the blanks around `{`, `}`, `;`, `,` and `>`, and
/// those after a `:` (never before one, where a blank can mean a descendant selector).
fn minify_css(css: &str) -> String {
    let mut text = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    text.push_str(rest);
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = words.join(" ");
    for mark in ["{", "}", ";", ",", ">"] {
        out = out
            .replace(&format!(" {mark}"), mark)
            .replace(&format!("{mark} "), mark);
    }
    out.replace(": ", ":").replace(";}", "}")
}

/// Copies `source` to `dist/<stem>-<16 hex of content>.<ext>`; returns the new name.
fn hashed_copy(source: &Path, dist: &Path, stem: &str, ext: &str) -> Result<String> {
    let bytes = fs::read(source).with_context(|| format!("reading {}", source.display()))?;
    let name = format!("{stem}-{}.{ext}", &hex(&Sha256::digest(&bytes))[..16]);
    fs::write(dist.join(&name), bytes)?;
    Ok(name)
}

fn compress(path: &Path) -> Result<Output> {
    let bytes = fs::read(path)?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes)?;
    let gz = gz.finish()?;
    let mut br = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
        writer.write_all(&bytes)?;
    }
    let name = path
        .file_name()
        .context("name")?
        .to_string_lossy()
        .to_string();
    fs::write(path.with_file_name(format!("{name}.gz")), &gz)?;
    fs::write(path.with_file_name(format!("{name}.br")), &br)?;
    Ok(Output {
        name,
        raw: bytes.len(),
        gzip: gz.len(),
        brotli: br.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_module_loses_its_custom_sections_and_keeps_every_other_byte() {
        let header = b"\0asm\x01\0\0\0";
        let types = [1u8, 4, 1, 0x60, 0, 0];
        let mut custom = vec![0u8, 10, 9];
        custom.extend_from_slice(b"producers");
        let mut module = header.to_vec();
        module.extend_from_slice(&custom);
        module.extend_from_slice(&types);
        module.extend_from_slice(&custom);
        let mut expected = header.to_vec();
        expected.extend_from_slice(&types);
        assert_eq!(without_custom_sections(&module), Some(expected));
        // A section running past the end is not a module.
        module.extend_from_slice(&[1, 100, 0]);
        assert_eq!(without_custom_sections(&module), None);
    }
}
