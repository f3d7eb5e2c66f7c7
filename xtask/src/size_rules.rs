//! The field build's size rules, checked rather than kept in comments.
//!
//! On what the compiler produced: the wasm as cargo writes it (before wasm-bindgen and
//! wasm-opt) still has its `name` section, so every function that made it into the build
//! is listed by name (v0-mangled), and [`check_wasm`] refuses code that costs the
//! officer's phone kilobytes for nothing it needs: parsing floats (core's `dec2flt` and its
//! tables), and a `BTreeMap` of ours built by `collect()` (its `FromIterator` sorts, once
//! per pair type). Printing floats cannot be told apart this way: serde's error messages
//! (`de::Unexpected::Float`) keep core's float printing in the build whatever our code does.
//!
//! On the sources: Debug output is compiled out of the PWA (`-Zfmt-debug=none`, so `{:?}`
//! prints nothing), and a test here refuses `{:?}` in the code of the crates it is built
//! from (`shared`, `frontend`; their tests may use it).

use anyhow::{Context, Result, bail};

/// Code the field build must not hold: whether a function's (v0-mangled) name is it,
/// and why not.
type Rule = (fn(&str) -> bool, &'static str);

const FORBIDDEN: [Rule; 2] = [
    (
        |name| name.contains("dec2flt"),
        "parses a float: counts and decimals are read by shared::count and plan::value",
    ),
    (
        |name| name.contains("BTreeMap") && name.contains("FromIterator") && ours(name),
        "collects into a BTreeMap: build it by inserting (shared::report::inserted)",
    ),
];

/// Whether a mangled name is instantiated with this workspace's code (a dependency's own
/// `collect()`, like Automerge's, is not ours to change).
fn ours(name: &str) -> bool {
    name.contains("_6shared") || name.contains("_8frontend")
}

/// Refuses a build whose functions include any of [`FORBIDDEN`], naming each one found.
pub fn check_wasm(wasm: &[u8]) -> Result<usize> {
    let names = function_names(wasm)?;
    let mut found = Vec::new();
    for name in &names {
        for (is, why) in FORBIDDEN {
            if is(name) {
                found.push(format!("  {name}\n    {why}"));
            }
        }
    }
    if !found.is_empty() {
        bail!(
            "the field build holds code its size rules forbid:\n{}",
            found.join("\n")
        );
    }
    Ok(names.len())
}

/// Every function name of the wasm's `name` section (subsection 1).
fn function_names(wasm: &[u8]) -> Result<Vec<String>> {
    let mut at = Reader {
        bytes: wasm,
        pos: 8,
    };
    if wasm.get(..4) != Some(b"\0asm") {
        bail!("not a wasm module");
    }
    while at.pos < wasm.len() {
        let id = at.byte()?;
        let size = at.leb()? as usize;
        let end = at.pos + size;
        if id == 0 {
            let mut section = Reader {
                bytes: wasm.get(..end).context("section past the end")?,
                pos: at.pos,
            };
            if section.name()? == "name" {
                return names_in(&mut section, end);
            }
        }
        at.pos = end;
    }
    bail!("the wasm has no name section (was it stripped?)")
}

fn names_in(section: &mut Reader, end: usize) -> Result<Vec<String>> {
    while section.pos < end {
        let kind = section.byte()?;
        let size = section.leb()? as usize;
        let next = section.pos + size;
        if kind == 1 {
            let count = section.leb()?;
            let mut names = Vec::with_capacity(count as usize);
            for _ in 0..count {
                let _index = section.leb()?;
                names.push(section.name()?);
            }
            return Ok(names);
        }
        section.pos = next;
    }
    bail!("the name section lists no functions")
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8> {
        let b = *self.bytes.get(self.pos).context("wasm ends early")?;
        self.pos += 1;
        Ok(b)
    }

    fn leb(&mut self) -> Result<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        bail!("bad LEB128 in the wasm")
    }

    fn name(&mut self) -> Result<String> {
        let len = self.leb()? as usize;
        let bytes = self
            .bytes
            .get(self.pos..self.pos + len)
            .context("name past the end")?;
        self.pos += len;
        Ok(String::from_utf8_lossy(bytes).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    /// The `.rs` files under `dir`.
    fn rust_files(dir: &Path) -> Vec<PathBuf> {
        let mut files = Vec::new();
        let mut dirs = vec![dir.to_path_buf()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
        files
    }

    /// Whether a line formats with Debug: `{:?}`, `{x:?}`, `{:#?}`.
    fn uses_debug(line: &str) -> bool {
        line.match_indices(":?}")
            .chain(line.match_indices(":#?}"))
            .any(|(at, _)| {
                line[..at].rfind('{').is_some_and(|open| {
                    line[open + 1..at]
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
                })
            })
    }

    #[test]
    fn no_text_the_pwa_shows_is_made_with_debug() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let mut found = Vec::new();
        for crate_src in ["shared/src", "frontend/src"] {
            let files = rust_files(&root.join(crate_src));
            let read = |f: &PathBuf| std::fs::read_to_string(f).unwrap();
            // Modules declared `#[cfg(test)] mod name;` are tests as a whole.
            let test_modules: Vec<String> = files
                .iter()
                .flat_map(|f| {
                    let text = read(f);
                    let lines: Vec<String> =
                        text.lines().map(str::trim).map(String::from).collect();
                    lines
                        .windows(2)
                        .filter(|w| w[0] == "#[cfg(test)]")
                        .filter_map(|w| {
                            w[1].strip_prefix("mod ")?
                                .strip_suffix(';')
                                .map(String::from)
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
            for file in files {
                let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
                if test_modules.contains(&stem) {
                    continue;
                }
                let text = read(&file);
                // Test modules close each file; what follows them is not built into the PWA.
                let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                for (number, line) in code.lines().enumerate() {
                    if !line.trim_start().starts_with("//") && uses_debug(line) {
                        found.push(format!(
                            "{}:{}: {}",
                            file.display(),
                            number + 1,
                            line.trim()
                        ));
                    }
                }
            }
        }
        assert!(
            found.is_empty(),
            "Debug formatting prints nothing in the PWA:\n{}",
            found.join("\n")
        );
    }

    #[test]
    fn debug_formatting_is_told_from_text_that_looks_like_it() {
        assert!(uses_debug(r#"format!("{v:?}")"#));
        assert!(uses_debug(r#"panic!("{:#?}", x)"#));
        assert!(uses_debug(r#"format!("{:?}", row.value)"#));
        assert!(!uses_debug(r#"format!("{v}: ?}")"#));
    }

    /// A module with a name section naming the given functions.
    fn module(names: &[&str]) -> Vec<u8> {
        let mut sub = vec![names.len() as u8];
        for (i, n) in names.iter().enumerate() {
            sub.push(i as u8);
            sub.push(n.len() as u8);
            sub.extend_from_slice(n.as_bytes());
        }
        let mut payload = vec![4];
        payload.extend_from_slice(b"name");
        payload.push(1);
        payload.push(sub.len() as u8);
        payload.extend(sub);
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.push(0);
        wasm.push(payload.len() as u8);
        wasm.extend(payload);
        wasm
    }

    #[test]
    fn a_build_that_parses_a_float_is_refused_by_name() {
        let bad = module(&[
            "_RNvCs1_8frontend4main",
            "_RNvNtNtCs2_4core3num7dec2flt5parse",
        ]);
        let err = check_wasm(&bad).unwrap_err().to_string();
        assert!(err.contains("7dec2flt5parse"), "{err}");
        assert!(err.contains("parses a float"), "{err}");
    }

    #[test]
    fn a_btreemap_collected_is_refused_and_one_inserted_into_is_not() {
        let collected =
            module(&["_RINvXs_5alloc8BTreeMap12FromIterator9from_iterNCNvCs1_6shared6report0E"]);
        assert!(check_wasm(&collected).is_err());
        let inserted = module(&["_RNvMs_5alloc8BTreeMap6insertCs1_6shared"]);
        assert_eq!(check_wasm(&inserted).unwrap(), 1);
        let theirs = module(&["_RINvXs_5alloc8BTreeMap12FromIterator9from_iterCs3_9automerge"]);
        assert_eq!(check_wasm(&theirs).unwrap(), 1);
    }
}
