//! The signed-in user, kept in localStorage so the app opens offline after one online
//! login. The token lives 30 days; an expired session asks for a new login, and nothing
//! waiting to be sent is lost because documents live in the user's own IndexedDB.

use shared::wire::LoginResponse;

const KEY: &str = "vstbpn.session";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The saved login, if any and not expired.
pub fn load() -> Option<LoginResponse> {
    let text = storage()?.get_item(KEY).ok()??;
    let login = crate::json_body::login(&crate::json_body::parse(&text)?)?;
    (login.expires_at as f64 > js_sys::Date::now()).then_some(login)
}

pub fn save(login: &LoginResponse) {
    if let (Some(s), Some(text)) = (storage(), crate::json_body::login_json(login)) {
        let _ = s.set_item(KEY, &text);
    }
}

pub fn clear() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}
