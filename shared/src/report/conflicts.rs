//! Concurrent values. When two phones set the same field while apart, Automerge keeps
//! both and `get` silently returns one (by op id, not by time). A report must never be
//! overwritten silently, so every field holding more than one value is listed here with
//! all of them, for a person to choose; writing the chosen value clears the conflict.

use super::EditError;
use crate::plan::plan;
use crate::vocabulary::ReportKind;
use automerge::transaction::Transactable;
use automerge::{AutoCommit, ObjId, ObjType, ROOT, ReadDoc, ScalarValue, Value};

/// One field with concurrent values.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// Map keys from the root to the field.
    pub path: Vec<String>,
    /// The field as the officer knows it.
    pub label: String,
    /// Every concurrent value.
    pub values: Vec<ScalarValue>,
}

/// A value as the officer reads it.
pub fn shown(value: &ScalarValue) -> String {
    match value {
        ScalarValue::Null => "(để trống)".to_string(),
        ScalarValue::Boolean(true) => "đã nộp".to_string(),
        ScalarValue::Boolean(false) => "chưa nộp".to_string(),
        ScalarValue::Str(s) => s.to_string(),
        ScalarValue::Uint(n) => n.to_string(),
        ScalarValue::Int(n) => n.to_string(),
        // The app never writes other kinds (floats, bytes, counters, timestamps); one
        // from a foreign writer is named, not printed, which also keeps a float
        // formatter out of the phone's build.
        _ => "(giá trị không hợp lệ)".to_string(),
    }
}

/// Every field of the document with concurrent values.
pub fn conflicts(kind: ReportKind, doc: &AutoCommit) -> Vec<Conflict> {
    let mut found = Vec::new();
    walk(doc, &ROOT, &mut Vec::new(), &mut |path, values| {
        found.push(Conflict {
            label: label(kind, path),
            path: path.to_vec(),
            values,
        });
    });
    found
}

fn walk(
    doc: &AutoCommit,
    obj: &ObjId,
    path: &mut Vec<String>,
    found: &mut impl FnMut(&[String], Vec<ScalarValue>),
) {
    for key in doc.keys(obj) {
        let Ok(values) = doc.get_all(obj, key.as_str()) else {
            continue;
        };
        path.push(key.clone());
        if values.len() > 1 {
            let scalars: Vec<ScalarValue> = values
                .iter()
                .filter_map(|(v, _)| match v {
                    Value::Scalar(s) => Some(s.as_ref().clone()),
                    Value::Object(_) => None,
                })
                .collect();
            if scalars.len() > 1 {
                found(path, scalars);
            }
        } else if let Some((Value::Object(ObjType::Map), child)) = values.into_iter().next() {
            walk(doc, &child, path, found);
        }
        path.pop();
    }
}

/// Keeps one of the values: writing it again makes it the only one.
pub fn resolve(doc: &mut AutoCommit, path: &[String], value: ScalarValue) -> Result<(), EditError> {
    let (key, parents) = path
        .split_last()
        .ok_or_else(|| EditError::Missing(String::new()))?;
    let parents: Vec<&str> = parents.iter().map(String::as_str).collect();
    let obj = super::map_at(doc, &parents)?;
    doc.put(&obj, key.as_str(), value)?;
    Ok(())
}

/// The officer's name for a field at `path`.
pub fn label(kind: ReportKind, path: &[String]) -> String {
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    let outline_label = |key: &str| {
        super::activity::fields()
            .find(|f| f.key == key)
            .map_or(key.to_string(), |f| f.label.clone())
    };
    match (kind, p.as_slice()) {
        (_, ["submitted"]) => "Trạng thái nộp".to_string(),
        (ReportKind::Activity, ["counts" | "texts", key]) => outline_label(key),
        (ReportKind::Activity, ["grids", key, row, column]) => {
            let field = super::activity::fields().find(|f| f.key == *key);
            let name = |list: Option<&Vec<crate::plan::Column>>, k: &str| {
                list.and_then(|l| l.iter().find(|c| c.key == k))
                    .map_or(k.to_string(), |c| c.label.clone())
            };
            format!(
                "{} — {} — {}",
                outline_label(key),
                name(field.map(|f| &f.rows), row),
                name(field.map(|f| &f.columns), column)
            )
        }
        (ReportKind::Activity, ["tables", key, _, "cells", column]) => {
            let field = super::activity::fields().find(|f| f.key == *key);
            let column = field
                .and_then(|f| f.columns.iter().find(|c| c.key == *column))
                .map_or(column.to_string(), |c| c.label.clone());
            format!("{} — {column}", outline_label(key))
        }
        (ReportKind::ProgrammeResults, ["rows", id, part]) => {
            let part = match *part {
                "numerator" => "tử số",
                "denominator" => "mẫu số",
                "value" => "giá trị",
                other => other,
            };
            match plan().indicator(id) {
                Some(i) => format!("Chỉ tiêu {} {} — {part}", plan().reference(i), i.text),
                None => format!("Chỉ tiêu {id} — {part}"),
            }
        }
        (ReportKind::SelfInspection, ["tasks", number, "status"]) => {
            format!("Nhiệm vụ {number} — tình trạng thực hiện")
        }
        _ => p.join(" / "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::genesis::start;
    use crate::ids::DocId;
    use crate::report::{activity, programme};
    use automerge::ActorId;

    #[test]
    fn concurrent_values_are_all_listed_and_a_choice_clears_them() {
        let id: DocId = "activity:16816:2022-H1".parse().unwrap();
        let mut a = start(&id, ActorId::random());
        let mut b = start(&id, ActorId::random());
        activity::set_count(&mut a, "events_by_committee", Some(3)).unwrap();
        activity::set_count(&mut b, "events_by_committee", Some(5)).unwrap();
        activity::set_count(&mut b, "training_classes", Some(2)).unwrap();
        activity::set_grid(&mut a, "organisation", "commune", "members", Some(9)).unwrap();
        activity::set_grid(&mut b, "organisation", "commune", "members", Some(11)).unwrap();
        a.merge(&mut b).unwrap();

        let found = conflicts(id.kind, &a);
        assert_eq!(found.len(), 2, "{found:?}");
        let count = found
            .iter()
            .find(|c| c.path == ["counts", "events_by_committee"])
            .unwrap();
        assert_eq!(
            count.label,
            "Số cuộc truyền thông (tọa đàm, hội thảo, triển lãm ảnh...) do Ban VSTBPN tổ chức"
        );
        let mut shown_values: Vec<String> = count.values.iter().map(shown).collect();
        shown_values.sort();
        assert_eq!(shown_values, ["3", "5"]);
        let grid = found.iter().find(|c| c.path[0] == "grids").unwrap();
        assert_eq!(
            grid.label,
            "Công tác tổ chức của Ban VSTBPN năm 2022 — Cấp xã — Thành viên Ban VSTBPN"
        );

        resolve(&mut a, &count.path, ScalarValue::Uint(5)).unwrap();
        let left = conflicts(id.kind, &a);
        assert_eq!(left.len(), 1);
        assert_eq!(
            activity::ActivityReport::read(&a)
                .unwrap()
                .count("events_by_committee"),
            Some(5)
        );
        // The choice travels: the other phone merges it and sees no conflict there either.
        b.merge(&mut a).unwrap();
        assert!(conflicts(id.kind, &b).iter().all(|c| c.path != count.path));
    }

    #[test]
    fn programme_conflicts_name_the_indicator() {
        let id: DocId = "programme:16816:2022".parse().unwrap();
        let mut a = start(&id, ActorId::random());
        let mut b = start(&id, ActorId::random());
        programme::set_numerator(&mut a, "6.3", Some(1)).unwrap();
        programme::set_numerator(&mut b, "6.3", Some(0)).unwrap();
        a.merge(&mut b).unwrap();
        let found = conflicts(id.kind, &a);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .label
                .starts_with("Chỉ tiêu VI.3 Chỉ tiêu 3. Tỷ lệ xã"),
            "{}",
            found[0].label
        );
        assert!(found[0].label.ends_with("— tử số"));
    }
}
