//! The phone's storage: one IndexedDB database per user, so two officers sharing a phone
//! never see each other's documents. Stores: `docs` (document id → Automerge save),
//! `sync` (document id → sync state with the server), `meta` (device id, actor id). A copy
//! the server refused is kept in `docs` too, under `refused:` and its document's id.
//!
//! Only IndexedDB requests are awaited inside a transaction; awaiting anything else would
//! let the browser commit it early.

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use js_sys::Uint8Array;
use std::rc::Rc;
use wasm_bindgen::JsValue;

const DOCS: &str = "docs";
const SYNC: &str = "sync";
const META: &str = "meta";

/// A stored document: its id, its bytes, its sync state if it has synced.
pub struct StoredDoc {
    pub id: String,
    pub doc: Vec<u8>,
    pub state: Option<Vec<u8>>,
}

#[derive(Clone)]
pub struct Store {
    db: Rc<Database>,
}

fn bytes(value: JsValue) -> Vec<u8> {
    Uint8Array::new(&value).to_vec()
}

impl Store {
    pub async fn open(user_id: i64) -> Result<Store, idb::Error> {
        let factory = Factory::new()?;
        let mut request = factory.open(&format!("vstbpn-user-{user_id}"), Some(1))?;
        request.on_upgrade_needed(|event| {
            if let Ok(db) = event.database() {
                for name in [DOCS, SYNC, META] {
                    let _ = db.create_object_store(name, ObjectStoreParams::new());
                }
            }
        });
        Ok(Store {
            db: Rc::new(request.await?),
        })
    }

    pub async fn load_docs(&self) -> Result<Vec<StoredDoc>, idb::Error> {
        let tx = self
            .db
            .transaction(&[DOCS, SYNC], TransactionMode::ReadOnly)?;
        let docs = tx.object_store(DOCS)?;
        let states = tx.object_store(SYNC)?;
        let mut out = Vec::new();
        for key in docs.get_all_keys(None, None)?.await? {
            let Some(id) = key.as_string() else { continue };
            let Some(doc) = docs.get(key.clone())?.await? else {
                continue;
            };
            let state = states.get(key)?.await?.map(bytes);
            out.push(StoredDoc {
                id,
                doc: bytes(doc),
                state,
            });
        }
        tx.await?;
        Ok(out)
    }

    /// Writes a document and its sync state in one transaction, resolved once durable.
    pub async fn save_doc(&self, id: &str, doc: &[u8], state: &[u8]) -> Result<(), idb::Error> {
        let tx = self
            .db
            .transaction(&[DOCS, SYNC], TransactionMode::ReadWrite)?;
        let key = JsValue::from_str(id);
        tx.object_store(DOCS)?
            .put(&Uint8Array::from(doc).into(), Some(&key))?
            .await?;
        tx.object_store(SYNC)?
            .put(&Uint8Array::from(state).into(), Some(&key))?
            .await?;
        tx.commit()?.await?;
        Ok(())
    }

    pub async fn meta(&self, key: &str) -> Result<Option<String>, idb::Error> {
        let tx = self.db.transaction(&[META], TransactionMode::ReadOnly)?;
        let value = tx.object_store(META)?.get(JsValue::from_str(key))?.await?;
        tx.await?;
        Ok(value.and_then(|v| v.as_string()))
    }

    pub async fn set_meta(&self, key: &str, value: &str) -> Result<(), idb::Error> {
        let tx = self.db.transaction(&[META], TransactionMode::ReadWrite)?;
        tx.object_store(META)?
            .put(&JsValue::from_str(value), Some(&JsValue::from_str(key)))?
            .await?;
        tx.commit()?.await?;
        Ok(())
    }
}
