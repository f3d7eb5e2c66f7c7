//! The Ban VSTBPN activity report (Phụ lục 3) as an Automerge document.
//!
//! This slice carries section II.3, communication and training: event counts, participants
//! by sex, training classes, trainees by sex, and the narrative assessment. The editor is
//! driven by [`COMMUNICATION_FIELDS`], so a field is declared once here and appears on the
//! phone, in the server's checks and on the reviewer's screen.
//!
//! Counts are scalars: two phones that set the same count concurrently leave a conflict
//! for a person to resolve. The narrative is Automerge text, so two writers merge by
//! character.

use automerge::{
    AutoCommit, ObjId, ObjType, ROOT, ReadDoc, ScalarValue, transaction::Transactable,
};
use autosurgeon::{Hydrate, Reconcile, Text};

/// The document's root.
#[derive(Debug, Clone, Default, PartialEq, Reconcile, Hydrate)]
pub struct ActivityReport {
    /// II.3 Công tác truyền thông, phổ biến, giáo dục chính sách pháp luật về BĐG và VSTBPN.
    pub communication: Communication,
}

/// Section II.3.
#[derive(Debug, Clone, Default, PartialEq, Reconcile, Hydrate)]
pub struct Communication {
    pub events_by_committee: Option<u64>,
    pub events_by_members: Option<u64>,
    pub participants_male: Option<u64>,
    pub participants_female: Option<u64>,
    pub training_classes: Option<u64>,
    pub trainees_male: Option<u64>,
    pub trainees_female: Option<u64>,
    pub assessment: Text,
}

/// The root key of section II.3.
pub const COMMUNICATION: &str = "communication";

/// How a field is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Count,
    Narrative,
}

/// One field of the section: its key in the document and its label on screen.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
}

/// Section II.3's fields in the order of the outline.
pub const COMMUNICATION_FIELDS: [FieldSpec; 8] = [
    FieldSpec {
        key: "events_by_committee",
        label: "Số cuộc truyền thông do Ban VSTBPN tổ chức",
        kind: FieldKind::Count,
    },
    FieldSpec {
        key: "events_by_members",
        label: "Số cuộc truyền thông do các đơn vị thành viên tổ chức",
        kind: FieldKind::Count,
    },
    FieldSpec {
        key: "participants_male",
        label: "Số người tham gia truyền thông — nam",
        kind: FieldKind::Count,
    },
    FieldSpec {
        key: "participants_female",
        label: "Số người tham gia truyền thông — nữ",
        kind: FieldKind::Count,
    },
    FieldSpec {
        key: "training_classes",
        label: "Số lớp tập huấn về BĐG và VSTBPN",
        kind: FieldKind::Count,
    },
    FieldSpec {
        key: "trainees_male",
        label: "Số đại biểu tham gia tập huấn — nam",
        kind: FieldKind::Count,
    },
    FieldSpec {
        key: "trainees_female",
        label: "Số đại biểu tham gia tập huấn — nữ",
        kind: FieldKind::Count,
    },
    FieldSpec {
        key: "assessment",
        label: "Đánh giá hiệu quả công tác truyền thông, tập huấn (hình thức, nội dung, sản phẩm)",
        kind: FieldKind::Narrative,
    },
];

/// Why an edit could not be applied to a document.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("Báo cáo thiếu mục II.3")]
    MissingSection,
    #[error("Không có trường «{0}»")]
    UnknownField(String),
    #[error(transparent)]
    Automerge(#[from] automerge::AutomergeError),
}

impl Communication {
    /// The value of a count field, by key.
    pub fn count(&self, key: &str) -> Option<u64> {
        match key {
            "events_by_committee" => self.events_by_committee,
            "events_by_members" => self.events_by_members,
            "participants_male" => self.participants_male,
            "participants_female" => self.participants_female,
            "training_classes" => self.training_classes,
            "trainees_male" => self.trainees_male,
            "trainees_female" => self.trainees_female,
            _ => None,
        }
    }

    /// The value of a narrative field, by key.
    pub fn narrative(&self, key: &str) -> &str {
        match key {
            "assessment" => self.assessment.as_str(),
            _ => "",
        }
    }
}

impl ActivityReport {
    /// Reads the report out of a document; an error means the document does not have the
    /// report's shape (the server refuses such changes).
    pub fn read(doc: &AutoCommit) -> Result<Self, autosurgeon::HydrateError> {
        autosurgeon::hydrate(doc)
    }

    /// Each field's label with its value as a reviewer reads it ("—" when not filled).
    pub fn summary(&self) -> Vec<(String, String)> {
        COMMUNICATION_FIELDS
            .iter()
            .map(|f| {
                let value = match f.kind {
                    FieldKind::Count => self
                        .communication
                        .count(f.key)
                        .map_or_else(|| "—".to_string(), |n| n.to_string()),
                    FieldKind::Narrative => {
                        let text = self.communication.narrative(f.key);
                        if text.is_empty() {
                            "—".to_string()
                        } else {
                            text.to_string()
                        }
                    }
                };
                (f.label.to_string(), value)
            })
            .collect()
    }
}

fn section(doc: &AutoCommit) -> Result<ObjId, EditError> {
    match doc.get(ROOT, COMMUNICATION)? {
        Some((automerge::Value::Object(ObjType::Map), id)) => Ok(id),
        _ => Err(EditError::MissingSection),
    }
}

fn spec(key: &str, kind: FieldKind) -> Result<&'static FieldSpec, EditError> {
    COMMUNICATION_FIELDS
        .iter()
        .find(|f| f.key == key && f.kind == kind)
        .ok_or_else(|| EditError::UnknownField(key.to_string()))
}

/// Sets one count: one operation, so a concurrent edit of another field never conflicts.
pub fn set_count(doc: &mut AutoCommit, key: &str, value: Option<u64>) -> Result<(), EditError> {
    let field = spec(key, FieldKind::Count)?;
    let obj = section(doc)?;
    let value = value.map_or(ScalarValue::Null, ScalarValue::Uint);
    doc.put(&obj, field.key, value)?;
    Ok(())
}

/// Replaces a narrative with what the officer sees now, as character splices, so another
/// writer's concurrent typing elsewhere in the text is kept.
pub fn set_narrative(doc: &mut AutoCommit, key: &str, value: &str) -> Result<(), EditError> {
    let field = spec(key, FieldKind::Narrative)?;
    let obj = section(doc)?;
    let text = match doc.get(&obj, field.key)? {
        Some((automerge::Value::Object(ObjType::Text), id)) => id,
        _ => doc.put_object(&obj, field.key, ObjType::Text)?,
    };
    doc.update_text(&text, value)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::genesis::genesis;
    use crate::ids::ReportKind;

    #[test]
    fn edits_read_back_and_summarise() {
        let mut doc = genesis(ReportKind::Activity);
        doc.set_actor(automerge::ActorId::random());
        set_count(&mut doc, "events_by_committee", Some(3)).unwrap();
        set_narrative(&mut doc, "assessment", "Tuyên truyền tại 5 bản").unwrap();
        let report = ActivityReport::read(&doc).unwrap();
        assert_eq!(report.communication.events_by_committee, Some(3));
        assert_eq!(report.communication.events_by_members, None);
        let summary = report.summary();
        assert_eq!(summary[0].1, "3");
        assert_eq!(summary[1].1, "—");
        assert_eq!(summary[7].1, "Tuyên truyền tại 5 bản");
        assert!(set_count(&mut doc, "nope", Some(1)).is_err());
        assert!(set_count(&mut doc, "assessment", Some(1)).is_err());
    }
}
