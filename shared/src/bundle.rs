//! A file of a device's documents, for weeks with no network at all: saved on one phone,
//! carried on a memory card or sent by Zalo, imported on another device. Importing merges
//! each document into the local copy (Automerge merge), so nothing on either side is
//! overwritten and importing the same file twice changes nothing.

use crate::access::Principal;
use crate::ids::DocId;
use crate::replicas::Replicas;
use automerge::AutoCommit;
use serde::{Deserialize, Serialize};

/// The first bytes of every bundle file, so a wrong file is told apart at once.
pub const MAGIC: &[u8; 8] = b"VSTBPN01";

/// One saved document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedDoc {
    pub doc: String,
    #[serde(with = "serde_bytes")]
    pub bytes: Vec<u8>,
}

/// What an import did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Imported {
    /// Documents that gained changes from the file.
    pub merged: Vec<DocId>,
    /// Documents already up to date.
    pub unchanged: Vec<DocId>,
    /// Documents left out, with why (Vietnamese).
    pub skipped: Vec<(String, String)>,
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    #[error("Tệp này không phải tệp sao lưu báo cáo VSTBPN.")]
    NotABundle,
    #[error("Tệp sao lưu bị hỏng hoặc không đầy đủ.")]
    Corrupt,
}

/// Saves every document of the device, and each copy the server refused that the device
/// keeps apart (`replicas::SetAside`) as a second entry of its document: whoever imports
/// the file merges those edits in, so someone who may write the report (the district, for
/// a commune that lost the right meanwhile) can hand them in.
pub fn export(replicas: &mut Replicas) -> Vec<u8> {
    let mut docs: Vec<SavedDoc> = replicas
        .docs
        .iter_mut()
        .map(|(id, r)| SavedDoc {
            doc: id.to_string(),
            bytes: r.doc.save(),
        })
        .collect();
    for (id, kept) in replicas.kept_all() {
        docs.push(SavedDoc {
            doc: id.to_string(),
            bytes: kept.doc.save(),
        });
    }
    write(&docs)
}

/// The file holding `docs`.
fn write(docs: &[SavedDoc]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend(postcard::to_allocvec(docs).expect("saved documents serialize"));
    out
}

/// The documents saved in a file.
pub fn read(file: &[u8]) -> Result<Vec<SavedDoc>, BundleError> {
    let body = file
        .strip_prefix(MAGIC.as_slice())
        .ok_or(BundleError::NotABundle)?;
    postcard::from_bytes(body).map_err(|_| BundleError::Corrupt)
}

/// A file cut into files of at most `most` documents each, in order, for the server,
/// which takes at most [`crate::wire::MAX_DOCS_PER_REQUEST`] documents per request: a
/// district's or the province's device may hold more than that.
pub fn split(file: &[u8], most: usize) -> Result<Vec<Vec<u8>>, BundleError> {
    let docs = read(file)?;
    Ok(docs.chunks(most.max(1)).map(write).collect())
}

/// Merges a file into the device's documents; only documents the user may read are taken.
pub fn import(
    replicas: &mut Replicas,
    user: &Principal,
    file: &[u8],
) -> Result<Imported, BundleError> {
    let docs = read(file)?;
    let mut imported = Imported::default();
    for saved in docs {
        let Ok(id) = saved.doc.parse::<DocId>() else {
            imported
                .skipped
                .push((saved.doc, "Mã báo cáo không hợp lệ.".to_string()));
            continue;
        };
        if !user.can_read(&id) {
            imported
                .skipped
                .push((saved.doc, "Báo cáo của đơn vị khác.".to_string()));
            continue;
        }
        let Ok(mut incoming) = AutoCommit::load(&saved.bytes) else {
            imported
                .skipped
                .push((saved.doc, "Dữ liệu báo cáo bị hỏng.".to_string()));
            continue;
        };
        let local = &mut replicas.open(id).doc;
        let before = local.get_heads();
        if local.merge(&mut incoming).is_err() {
            imported
                .skipped
                .push((saved.doc, "Không ghép được dữ liệu.".to_string()));
            continue;
        }
        if local.get_heads() == before {
            imported.unchanged.push(id);
        } else {
            imported.merged.push(id);
        }
    }
    Ok(imported)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Role;
    use crate::report::activity::{ActivityReport, set_count};
    use automerge::ActorId;

    fn officer(unit: &str) -> Principal {
        Principal {
            role: Role::CommuneOfficer,
            unit: Some(unit.parse().unwrap()),
        }
    }

    #[test]
    fn import_merges_never_overwrites_and_is_idempotent() {
        let id: DocId = "activity:16816:2022-H1".parse().unwrap();
        let mut phone = Replicas::new(ActorId::random());
        set_count(&mut phone.open(id).doc, "events_by_committee", Some(3)).unwrap();
        let file = export(&mut phone);

        let mut tablet = Replicas::new(ActorId::random());
        set_count(&mut tablet.open(id).doc, "training_classes", Some(2)).unwrap();
        let result = import(&mut tablet, &officer("16816"), &file).unwrap();
        assert_eq!(result.merged, [id]);
        let report = ActivityReport::read(&tablet.open(id).doc).unwrap();
        assert_eq!(report.count("events_by_committee"), Some(3));
        assert_eq!(
            report.count("training_classes"),
            Some(2),
            "the tablet's own edit stays"
        );

        let again = import(&mut tablet, &officer("16816"), &file).unwrap();
        assert_eq!((again.merged.len(), again.unchanged), (0, vec![id]));
    }

    #[test]
    fn a_large_file_splits_into_readable_parts_in_order() {
        let docs: Vec<SavedDoc> = (0..600)
            .map(|i| SavedDoc {
                doc: format!("doc-{i}"),
                bytes: vec![i as u8; 3],
            })
            .collect();
        let parts = split(&write(&docs), 256).unwrap();
        assert_eq!(parts.len(), 3);
        let back: Vec<SavedDoc> = parts.iter().flat_map(|p| read(p).unwrap()).collect();
        assert_eq!(back, docs);
        assert_eq!(read(&parts[2]).unwrap().len(), 88);
        assert_eq!(split(b"not a bundle", 256), Err(BundleError::NotABundle));
    }

    #[test]
    fn other_units_reports_and_bad_files_are_refused() {
        let id: DocId = "activity:16816:2022-H1".parse().unwrap();
        let mut phone = Replicas::new(ActorId::random());
        set_count(&mut phone.open(id).doc, "events_by_committee", Some(3)).unwrap();
        let file = export(&mut phone);
        let mut other = Replicas::new(ActorId::random());
        let result = import(&mut other, &officer("16819"), &file).unwrap();
        assert_eq!(
            result.skipped,
            [(id.to_string(), "Báo cáo của đơn vị khác.".to_string())]
        );
        assert!(other.docs.is_empty());
        assert_eq!(
            import(&mut other, &officer("16816"), b"PK\x03\x04zip").unwrap_err(),
            BundleError::NotABundle
        );
        let truncated = &file[..file.len() - 10];
        assert_eq!(
            import(&mut other, &officer("16816"), truncated).unwrap_err(),
            BundleError::Corrupt
        );
        assert!(BundleError::Corrupt.to_string().contains("bị hỏng"));
    }
}
