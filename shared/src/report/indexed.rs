//! Reading a whole report in one pass per map.
//!
//! autosurgeon hydrates a map by listing its keys with `map_range` and then asking the
//! document for each key again with `get`, a fresh search of the document's operations
//! per field. A report is several hundred fields, and the server hydrates one on every
//! accepted edit (to check it still reads as its kind and to summarise it): those
//! searches were a tenth of the server's CPU under load (BENCHMARKS.md).
//!
//! [`Indexed`] is the document as autosurgeon reads it, except that the first `get` on a
//! map keeps every entry of that map from one `map_range`, and later `get`s on it are
//! answered from there. It reads the same values: `map_range` yields, for each key, the
//! value that `get` returns (the winner among concurrent values).

use automerge::{self as am, AutoCommit, AutomergeError, ObjId, Value};
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::RangeBounds;

/// A map's entries: the winning value of each key and the id of its operation.
type Entries = HashMap<String, (Value<'static>, ObjId)>;

/// A document read through a per-map index (see the module's docs).
pub struct Indexed<'a> {
    doc: &'a AutoCommit,
    /// Per object asked about: its entries, or `None` when it is not a map.
    maps: RefCell<HashMap<ObjId, Option<Entries>>>,
}

impl<'a> Indexed<'a> {
    fn new(doc: &'a AutoCommit) -> Self {
        Indexed {
            doc,
            maps: RefCell::new(HashMap::new()),
        }
    }

    /// Hydrates `T` from the document.
    pub fn hydrate<T: autosurgeon::Hydrate>(
        doc: &AutoCommit,
    ) -> Result<T, autosurgeon::HydrateError> {
        autosurgeon::hydrate(&Indexed::new(doc))
    }

    /// The value at `key` of the map `obj`, or `None` when `obj` is not a map.
    fn entry(&self, obj: &ObjId, key: &str) -> Option<Option<(Value<'static>, ObjId)>> {
        let mut maps = self.maps.borrow_mut();
        let entries = maps.entry(obj.clone()).or_insert_with(|| {
            let is_map = matches!(
                am::ReadDoc::object_type(self.doc, obj),
                Ok(am::ObjType::Map | am::ObjType::Table)
            );
            is_map.then(|| {
                am::ReadDoc::map_range(self.doc, obj, ..)
                    .map(|item| {
                        let id = item.id();
                        (item.key.into_owned(), (item.value.into_value(), id))
                    })
                    .collect()
            })
        });
        entries.as_ref().map(|entries| entries.get(key).cloned())
    }
}

impl autosurgeon::ReadDoc for Indexed<'_> {
    type Parents<'b>
        = am::Parents<'b>
    where
        Self: 'b;

    fn get_heads(&self) -> Vec<am::ChangeHash> {
        autosurgeon::ReadDoc::get_heads(self.doc)
    }

    fn get<P: Into<am::Prop>>(
        &self,
        obj: &ObjId,
        prop: P,
    ) -> Result<Option<(Value<'_>, ObjId)>, AutomergeError> {
        let prop = prop.into();
        if let am::Prop::Map(key) = &prop
            && let Some(found) = self.entry(obj, key)
        {
            return Ok(found);
        }
        am::ReadDoc::get(self.doc, obj, prop)
    }

    fn object_type<O: AsRef<ObjId>>(&self, obj: O) -> Option<am::ObjType> {
        autosurgeon::ReadDoc::object_type(self.doc, obj)
    }

    fn map_range<'b, O, R>(&'b self, obj: O, range: R) -> am::iter::MapRange<'b>
    where
        R: RangeBounds<String> + 'b,
        O: AsRef<ObjId>,
        R: RangeBounds<String>,
    {
        autosurgeon::ReadDoc::map_range(self.doc, obj, range)
    }

    fn list_range<O: AsRef<ObjId>, R: RangeBounds<usize>>(
        &self,
        obj: O,
        range: R,
    ) -> am::iter::ListRange<'_> {
        autosurgeon::ReadDoc::list_range(self.doc, obj, range)
    }

    fn length<O: AsRef<ObjId>>(&self, obj: O) -> usize {
        autosurgeon::ReadDoc::length(self.doc, obj)
    }

    fn text<O: AsRef<ObjId>>(&self, obj: O) -> Result<String, AutomergeError> {
        autosurgeon::ReadDoc::text(self.doc, obj)
    }

    fn parents<O: AsRef<ObjId>>(&self, obj: O) -> Result<Self::Parents<'_>, AutomergeError> {
        autosurgeon::ReadDoc::parents(self.doc, obj)
    }

    fn is_empty(&self) -> bool {
        autosurgeon::ReadDoc::is_empty(self.doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::DocId;
    use crate::plan::FieldKind;
    use crate::report::{activity, inspection, programme};

    /// Two phones edit the same report concurrently (the same count, table rows, a
    /// grid cell, a narrative); the merged document reads the same through the index as
    /// through autosurgeon's own reading, and so do fresh reports of every kind.
    #[test]
    fn reads_what_autosurgeon_reads() {
        let id: DocId = "activity:16816:2022-H1".parse().unwrap();
        let mut a = crate::genesis::start(&id, am::ActorId::random());
        let mut b = a.fork().with_actor(am::ActorId::random());
        let grid = activity::fields()
            .find(|f| f.kind == FieldKind::Grid)
            .expect("the outline has a grid");
        let (row, column) = (&grid.rows[0].key, &grid.columns[0].key);
        activity::set_count(&mut a, "events_by_committee", Some(3)).unwrap();
        activity::set_count(&mut b, "events_by_committee", Some(4)).unwrap();
        activity::add_row(&mut a, "documents_issued", "ra", 1).unwrap();
        activity::add_row(&mut b, "documents_issued", "rb", 2).unwrap();
        activity::set_grid(&mut a, &grid.key, row, column, Some(7)).unwrap();
        activity::set_narrative(&mut b, "assessment", "Đánh giá chung").unwrap();
        a.merge(&mut b).unwrap();
        let direct: activity::ActivityReport = autosurgeon::hydrate(&a).unwrap();
        assert_eq!(
            Indexed::hydrate::<activity::ActivityReport>(&a).unwrap(),
            direct
        );
        assert_eq!(direct.rows("documents_issued").len(), 2);
        assert_eq!(direct.grid(&grid.key, row, column), Some(7));

        let id: DocId = "programme:16816:2022".parse().unwrap();
        let mut doc = crate::genesis::start(&id, am::ActorId::random());
        programme::set_numerator(&mut doc, "1.1.3", Some(2)).unwrap();
        let direct: programme::ProgrammeReport = autosurgeon::hydrate(&doc).unwrap();
        assert_eq!(
            Indexed::hydrate::<programme::ProgrammeReport>(&doc).unwrap(),
            direct
        );

        let id: DocId = "inspection:16816:2022".parse().unwrap();
        let doc = crate::genesis::start(&id, am::ActorId::random());
        let direct: inspection::InspectionReport = autosurgeon::hydrate(&doc).unwrap();
        assert_eq!(
            Indexed::hydrate::<inspection::InspectionReport>(&doc).unwrap(),
            direct
        );
    }
}
