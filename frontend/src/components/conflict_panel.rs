//! Fields that two phones changed while apart: both values shown, the officer picks one.

use crate::workspace::{Edit, Workspace};
use leptos::prelude::*;
use shared::ids::DocId;
use shared::report::conflicts::{self, Conflict};

#[component]
pub fn ConflictPanel(id: DocId) -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    let error = RwSignal::new(None::<String>);
    let found = Memo::new(move |_| {
        workspace
            .read(id, |doc| conflicts::conflicts(id.kind, doc))
            .unwrap_or_default()
    });
    move || {
        let list: Vec<Conflict> = found.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|conflict| {
                    let choices = conflict
                        .values
                        .iter()
                        .cloned()
                        .map(|value| {
                            let path = conflict.path.clone();
                            let label = format!("Giữ «{}»", conflicts::shown(&value));
                            view! {
                                <button type="button" class="secondary" on:click=move |_| {
                                    let (path, value) = (path.clone(), value.clone());
                                    workspace.write(id, Edit::Shape, error, |doc| conflicts::resolve(doc, &path, value));
                                }>{label}</button>
                            }
                        })
                        .collect_view();
                    view! { <li><p>{conflict.label.clone()}</p><div class="choices">{choices}</div></li> }
                })
                .collect_view();
            view! {
                <section class="conflicts card" data-testid="conflicts" role="alert">
                    <h2>"Có giá trị khác nhau từ hai máy"</h2>
                    <p>"Hai máy đã sửa cùng một ô khi chưa đồng bộ. Hãy chọn giá trị đúng:"</p>
                    <ul>{items}</ul>
                    {move || error.get().map(|e| view! { <p class="error">{e}</p> })}
                </section>
            }
        })
    }
}
