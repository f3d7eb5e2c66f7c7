//! Taking the officer to a place in a long form: a field an error names (scrolled to and
//! focused, so the keyboard opens on it) or a section of the table of contents.

use wasm_bindgen::JsCast;

/// The element to go to for `key`: the input `field-<key>`, else the row `data-row=<key>`
/// (a Phụ lục 2 row, a task), else the section `muc-<key>`.
fn target(key: &str) -> Option<web_sys::Element> {
    let document = web_sys::window()?.document()?;
    document
        .get_element_by_id(&format!("field-{key}"))
        .or_else(|| {
            document
                .query_selector(&format!("[data-row='{key}']"))
                .ok()
                .flatten()
        })
        .or_else(|| document.get_element_by_id(&format!("muc-{key}")))
}

/// Scrolls to what `key` names and focuses its first control.
pub fn to(key: &str) {
    let Some(place) = target(key) else {
        return;
    };
    place.scroll_into_view();
    let control = if place.matches("input, select, textarea").unwrap_or(false) {
        Some(place)
    } else {
        place
            .query_selector("input, select, textarea")
            .ok()
            .flatten()
    };
    if let Some(control) = control.and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = control.focus();
    }
}
