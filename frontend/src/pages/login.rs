//! Sign-in. Needs the network the first time on a phone; afterwards the app opens
//! offline while the session lasts, and a user who signed in here before can sign in
//! again with no network (`crate::offline_login`).

use crate::api::{self, ApiError};
use crate::offline_login::{self, Refused};
use leptos::prelude::*;
use shared::wire::LoginResponse;

#[component]
pub fn Login(on_login: impl Fn(LoginResponse) + Clone + 'static) -> impl IntoView {
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let on_login = on_login.clone();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let (name, secret) = (username.get_untracked(), password.get_untracked());
            match api::login(&name, &secret).await {
                Ok(login) => {
                    offline_login::remember(&name, &secret, &login).await;
                    on_login(login)
                }
                Err(ApiError::Offline) => match offline_login::check(&name, &secret).await {
                    Ok(login) => on_login(login),
                    Err(Refused::WrongPassword) => error.set(Some(
                        "Sai mật khẩu. Không có mạng nên máy kiểm tra theo lần đăng nhập trước trên máy này.".to_string(),
                    )),
                    Err(Refused::NeverHere) => error.set(Some(
                        "Không kết nối được máy chủ. Tài khoản này chưa đăng nhập trên máy này lần nào nên lần đầu cần có mạng.".to_string(),
                    )),
                },
                Err(e) => error.set(Some(e.message())),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="card login" on:submit=submit>
            <h1>"Đăng nhập"</h1>
            <label>"Tên đăng nhập"
                <input name="username" autocomplete="username" autocapitalize="none"
                    on:input=move |ev| username.set(event_target_value(&ev)) />
            </label>
            <label>"Mật khẩu"
                <input name="password" type="password" autocomplete="current-password"
                    on:input=move |ev| password.set(event_target_value(&ev)) />
            </label>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <button type="submit" disabled=move || busy.get()>"Đăng nhập"</button>
        </form>
    }
}
