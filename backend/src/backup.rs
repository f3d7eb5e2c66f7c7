//! The backup file (`backend backup`, `backend restore`): a magic header, then the
//! postcard bytes of every table's rows (`store::Backup`). A restore checks every
//! document before writing into an empty database, then rebuilds the projection.

use crate::store::{Backup, Store};
use anyhow::{Context, bail};
use std::path::Path;

/// The first bytes of a backup file.
pub const BACKUP_MAGIC: &[u8; 8] = b"VSTBPNBK";

/// Writes a full backup to `path` (refusing to overwrite a file).
pub async fn backup(store: &Store, path: &Path) -> anyhow::Result<Backup> {
    if path.exists() {
        bail!("Tệp «{}» đã có; chọn tên khác.", path.display());
    }
    let backup = store.backup().await?;
    let mut bytes = BACKUP_MAGIC.to_vec();
    bytes.extend(postcard::to_allocvec(&backup)?);
    std::fs::write(path, bytes).with_context(|| format!("ghi tệp «{}»", path.display()))?;
    Ok(backup)
}

/// Restores a backup into an empty database, then rebuilds the projections.
pub async fn restore(store: &Store, path: &Path) -> anyhow::Result<Backup> {
    let bytes = std::fs::read(path).with_context(|| format!("đọc tệp «{}»", path.display()))?;
    let body = bytes
        .strip_prefix(BACKUP_MAGIC.as_slice())
        .context("Tệp này không phải bản sao lưu của máy chủ VSTBPN.")?;
    let backup: Backup =
        postcard::from_bytes(body).map_err(|_| anyhow::anyhow!("Bản sao lưu bị hỏng."))?;
    for doc in &backup.documents {
        if doc.doc_id.parse::<shared::ids::DocId>().is_err()
            || automerge::AutoCommit::load(&doc.snapshot).is_err()
        {
            bail!("Bản sao lưu có báo cáo hỏng: «{}».", doc.doc_id);
        }
    }
    if !store.is_empty().await? {
        bail!("Cơ sở dữ liệu đích đã có dữ liệu; chỉ khôi phục vào cơ sở dữ liệu trống.");
    }
    store.restore(&backup).await?;
    crate::domain::rebuild::rebuild(store).await?;
    Ok(backup)
}
