//! Signing in again on this phone with no network. After each online sign-in the phone
//! keeps, per user, a check of the password (PBKDF2-SHA256 by the browser's WebCrypto,
//! with its own random salt) beside that user's session; with no signal, a user who has
//! signed in here before is let in when the password matches, and works on their own
//! documents (each user has their own IndexedDB) until a signal comes. The server is never
//! told: what the phone sends still goes with the session's token, which it checks.

use crate::json_body;
use js_sys::{Array, Object, Reflect, Uint8Array};
use shared::wire::LoginResponse;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The work asked of anyone who tries passwords against a lost phone's check.
const ITERATIONS: u32 = 310_000;

fn key(username: &str) -> String {
    format!("vstbpn.offline.{}", username.trim())
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// The password's derived bits with `salt`, by the browser.
async fn derive(password: &str, salt: &[u8]) -> Option<Vec<u8>> {
    let subtle = web_sys::window()?.crypto().ok()?.subtle();
    let raw = Uint8Array::from(password.as_bytes());
    let usages = Array::of1(&JsValue::from_str("deriveBits"));
    let key = subtle
        .import_key_with_str("raw", &raw, "PBKDF2", false, &usages)
        .ok()?;
    let key: web_sys::CryptoKey = JsFuture::from(key).await.ok()?.dyn_into().ok()?;
    let params = Object::new();
    for (name, value) in [
        ("name", JsValue::from_str("PBKDF2")),
        ("hash", JsValue::from_str("SHA-256")),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", ITERATIONS.into()),
    ] {
        Reflect::set(&params, &JsValue::from_str(name), &value).ok()?;
    }
    let bits = subtle.derive_bits_with_object(&params, &key, 256).ok()?;
    Some(Uint8Array::new(&JsFuture::from(bits).await.ok()?).to_vec())
}

/// After an online sign-in: keeps the check and the session for `username`.
pub async fn remember(username: &str, password: &str, login: &LoginResponse) {
    let mut salt = [0u8; 16];
    let random = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut salt).is_ok());
    let (Some(store), Some(session)) = (storage(), json_body::login_json(login)) else {
        return;
    };
    if !random {
        return;
    }
    if let Some(hash) = derive(password, &salt).await {
        let _ = store.set_item(
            &key(username),
            &format!("{} {}\n{session}", hex(&salt), hex(&hash)),
        );
    }
}

/// Why a sign-in with no network was not let in.
pub enum Refused {
    /// This user never signed in on this phone while online.
    NeverHere,
    WrongPassword,
}

/// The session kept for `username` if `password` is theirs.
pub async fn check(username: &str, password: &str) -> Result<LoginResponse, Refused> {
    let kept = storage()
        .and_then(|s| s.get_item(&key(username)).ok().flatten())
        .ok_or(Refused::NeverHere)?;
    let (line, session) = kept.split_once('\n').ok_or(Refused::NeverHere)?;
    let (salt, hash) = line.split_once(' ').ok_or(Refused::NeverHere)?;
    let salt = unhex(salt).ok_or(Refused::NeverHere)?;
    let login = json_body::parse(session)
        .as_ref()
        .and_then(json_body::login)
        .ok_or(Refused::NeverHere)?;
    match derive(password, &salt).await {
        Some(bits) if unhex(hash).is_some_and(|h| h == bits) => Ok(login),
        _ => Err(Refused::WrongPassword),
    }
}
