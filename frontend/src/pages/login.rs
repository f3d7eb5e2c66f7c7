//! Sign-in. Needs the network once; afterwards the app opens offline for 30 days.

use crate::api;
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
            match api::login(&username.get_untracked(), &password.get_untracked()).await {
                Ok(login) => on_login(login),
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
