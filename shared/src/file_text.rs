//! What officers' text may carry into an official file. Text pasted from Word or a chat
//! app can hold control characters (a vertical tab, a form feed, an escape) that XML 1.0
//! forbids outright: one of them in one narrative makes the whole provincial DOCX
//! unopenable. Every officer's text passes through [`for_file`] before it reaches a file.

use std::borrow::Cow;

/// Whether XML 1.0 (and so DOCX and XLSX) can carry `c` in text: tabs and line ends,
/// and every character from the space up apart from the two non-characters at the end
/// of the Basic Multilingual Plane.
fn printable(c: char) -> bool {
    matches!(c, '\t' | '\n') || (!c.is_control() && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// The text with Windows and old-Mac line ends made `\n`, every other control character
/// dropped, except the vertical tab and the form feed (Word's line and page breaks) which
/// become line ends. Borrowed when there was nothing to change.
pub fn for_file(text: &str) -> Cow<'_, str> {
    if text.chars().all(printable) {
        return Cow::Borrowed(text);
    }
    let text = text.replace("\r\n", "\n");
    Cow::Owned(
        text.chars()
            .filter_map(|c| match c {
                '\r' | '\u{0B}' | '\u{0C}' => Some('\n'),
                c if printable(c) => Some(c),
                _ => None,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_breaks_become_line_ends_and_other_controls_go() {
        assert_eq!(
            for_file("Dòng 1\u{0B}Dòng 2\r\nDòng 3\u{1B}[0m\u{0}"),
            "Dòng 1\nDòng 2\nDòng 3[0m"
        );
        assert_eq!(for_file("a\rb\u{0C}c\u{FFFF}"), "a\nb\nc");
    }

    #[test]
    fn clean_text_is_borrowed_as_it_is() {
        let text = "Xã Mỹ Lý:\ttổ chức 3 buổi\ntruyền thông";
        assert!(matches!(for_file(text), Cow::Borrowed(t) if t == text));
    }
}
