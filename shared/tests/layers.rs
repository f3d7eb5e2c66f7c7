//! The crate's vocabulary, the year's data and the ids above them stay layers: a module
//! may use the layers below its own, never one above. A cycle here is what made parsing a
//! unit code load the plan; this test names the file and the line that would bring it back.

use std::path::{Path, PathBuf};

/// The layers from the bottom, each with the crate modules it is made of: the words;
/// the year's plan; the unit list (with the plan's departments); the ids of reports of
/// those units; the calendar that dates and names those reports.
const LAYERS: [&[&str]; 5] = [
    &["vocabulary"],
    &["plan"],
    &["units"],
    &["ids"],
    &["calendar"],
];

fn sources(module: &str) -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![src.join(format!("{module}.rs"))];
    let mut dirs = vec![src.join(module)];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.retain(|f| f.exists());
    files
}

/// The lines of a file that are code, not docs or comments, numbered from 0.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
}

#[test]
fn each_layer_of_shared_uses_only_the_layers_below_it() {
    let mut broken = Vec::new();
    for (level, modules) in LAYERS.iter().enumerate() {
        // Everything at this level or above, apart from the module itself.
        let above: Vec<&str> = LAYERS[level..]
            .iter()
            .flat_map(|m| m.iter().copied())
            .collect();
        for module in *modules {
            for file in sources(module) {
                let text = std::fs::read_to_string(&file).unwrap();
                for (number, line) in code_lines(&text) {
                    for other in above.iter().filter(|m| *m != module) {
                        if line.contains(&format!("crate::{other}::"))
                            || line.contains(&format!("crate::{other}}}"))
                            || line.contains(&format!("crate::{other};"))
                        {
                            broken.push(format!(
                                "{}:{}: {module} uses {other}",
                                file.display(),
                                number + 1
                            ));
                        }
                    }
                }
            }
        }
    }
    // The vocabulary loads nothing: no embedded file, no lazily built global.
    for file in sources("vocabulary") {
        let text = std::fs::read_to_string(&file).unwrap();
        for needle in ["include_str!", "include_bytes!", "OnceLock", "crate::"] {
            if code_lines(&text).any(|(_, line)| line.contains(needle)) {
                broken.push(format!("{}: the vocabulary holds {needle}", file.display()));
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}
