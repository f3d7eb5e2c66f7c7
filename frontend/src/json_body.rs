//! The JSON bodies the field build reads and writes — the sign-in, the saved session, an
//! error's message, a document's upload history — through the browser's own `JSON` and
//! property reads, with no serde format in the wasm (the field build is size-bound; the
//! reviewer's build maps its many answers with serde-wasm-bindgen, `crate::api::json`).
//! The names are those `shared::wire`'s serde derives give on the server; the browser
//! tests sign in, reopen offline and read field histories through these.

use js_sys::{Array, JSON, Object, Reflect};
use shared::access::Role;
use shared::wire::{ChangeRecord, LoginResponse, Profile};
use wasm_bindgen::JsValue;

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text(object: &JsValue, key: &str) -> Option<String> {
    get(object, key).as_string()
}

/// A whole number (JSON numbers are doubles; ids and times fit them exactly).
fn whole(object: &JsValue, key: &str) -> Option<i64> {
    get(object, key).as_f64().map(|n| n as i64)
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

/// `value` as JSON text.
pub fn stringify(value: &JsValue) -> Option<String> {
    JSON::stringify(value).ok()?.as_string()
}

/// JSON text parsed by the browser.
pub fn parse(text: &str) -> Option<JsValue> {
    JSON::parse(text).ok()
}

/// `POST /api/login`'s body.
pub fn login_request(username: &str, password: &str) -> Option<String> {
    stringify(&object(&[
        ("username", username.into()),
        ("password", password.into()),
    ]))
}

/// A [`LoginResponse`] read back.
pub fn login(value: &JsValue) -> Option<LoginResponse> {
    let profile = get(value, "profile");
    Some(LoginResponse {
        token: text(value, "token")?,
        expires_at: whole(value, "expires_at")?,
        profile: Profile {
            user_id: whole(&profile, "user_id")?,
            username: text(&profile, "username")?,
            display_name: text(&profile, "display_name")?,
            role: Role::parse(&text(&profile, "role")?)?,
            unit: whole(&profile, "unit").map(|u| u as u32),
        },
    })
}

/// A [`LoginResponse`] as the JSON the server sent it in.
pub fn login_json(login: &LoginResponse) -> Option<String> {
    let p = &login.profile;
    let profile = object(&[
        ("user_id", (p.user_id as f64).into()),
        ("username", p.username.as_str().into()),
        ("display_name", p.display_name.as_str().into()),
        ("role", p.role.as_str().into()),
        ("unit", p.unit.map_or(JsValue::NULL, |u| u.into())),
    ]);
    stringify(&object(&[
        ("token", login.token.as_str().into()),
        ("expires_at", (login.expires_at as f64).into()),
        ("profile", profile),
    ]))
}

/// The message of an error answer (`shared::wire::ErrorBody`).
pub fn error(value: &JsValue) -> Option<String> {
    text(value, "error")
}

/// A document's upload history; `None` if any record is not one.
pub fn change_records(value: &JsValue) -> Option<Vec<ChangeRecord>> {
    if !Array::is_array(value) {
        return None;
    }
    Array::from(value)
        .iter()
        .map(|r| {
            Some(ChangeRecord {
                hash: text(&r, "hash")?,
                user: text(&r, "user")?,
                device: text(&r, "device")?,
                received_at: whole(&r, "received_at")?,
            })
        })
        .collect()
}
