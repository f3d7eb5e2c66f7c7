//! Handing bytes to the browser as a file download (a device backup, an export).

use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsCast;

/// Offers `bytes` as the file `name`; `None` if the browser refused.
pub fn save(bytes: &[u8], name: &str, content_type: &str) -> Option<()> {
    let parts = Array::of1(&Uint8Array::from(bytes).into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(content_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    web_sys::Url::revoke_object_url(&url).ok()
}
