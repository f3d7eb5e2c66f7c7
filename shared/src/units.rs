//! The province's org units as they stood in 2022: one province, 21 district-level units
//! and 460 communes with the statistics office's codes. The list is embedded so the phone
//! knows every unit offline; a new year's list is a new file, not new code.

use crate::vocabulary::{IdError, UnitCode, UnitLevel};
use std::collections::HashMap;
use std::sync::OnceLock;

const UNITS_CSV: &str = include_str!("../data/nghe-an-2022-units.csv");

/// One org unit of the hierarchy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgUnit {
    pub code: UnitCode,
    /// Full Vietnamese name, e.g. "Xã Mỹ Lý".
    pub name: String,
    pub level: UnitLevel,
    pub parent: Option<UnitCode>,
}

/// All units, in file order, with an index by code.
pub struct Units {
    list: Vec<OrgUnit>,
    by_code: HashMap<u32, usize>,
}

impl Units {
    /// The unit with this code, if it exists.
    pub fn get(&self, code: UnitCode) -> Option<&OrgUnit> {
        self.by_code.get(&code.get()).map(|&i| &self.list[i])
    }

    /// The unit with this code, or the Vietnamese reason a code from outside (a profile,
    /// a query, an id) is refused.
    pub fn known(&self, code: UnitCode) -> Result<&OrgUnit, IdError> {
        self.get(code)
            .ok_or_else(|| IdError::Unit(code.to_string()))
    }

    /// Every unit in file order.
    pub fn all(&self) -> &[OrgUnit] {
        &self.list
    }

    /// The province itself: the unit of the reports Ban VSTBPN tỉnh sends up.
    pub fn province(&self) -> UnitCode {
        self.list
            .iter()
            .find(|u| u.level == UnitLevel::Province)
            .map(|u| u.code)
            .expect("the unit list has the province")
    }
}

impl UnitCode {
    /// The unit of the embedded list this code names; `None` for a well-formed code no
    /// unit has (ids, profiles and queries are checked with [`Units::known`] on the way in).
    pub fn unit(self) -> Option<&'static OrgUnit> {
        units().get(self)
    }

    /// The level of the unit this code names.
    pub fn level(self) -> Option<UnitLevel> {
        self.unit().map(|u| u.level)
    }

    /// The unit's Vietnamese name, or "Đơn vị 12345" for a code no unit has.
    pub fn name(self) -> String {
        self.unit()
            .map_or_else(|| format!("Đơn vị {self}"), |u| u.name.clone())
    }
}

/// The embedded unit list with the plan's departments under the province, parsed once.
pub fn units() -> &'static Units {
    static UNITS: OnceLock<Units> = OnceLock::new();
    UNITS.get_or_init(|| {
        let mut units = parse_units(UNITS_CSV).expect("embedded unit list is valid");
        let province = units
            .list
            .iter()
            .find(|u| u.level == UnitLevel::Province)
            .map(|u| u.code);
        for agency in &crate::plan::plan().agencies {
            if let Some(code) = agency.unit_code {
                assert!(
                    !units.by_code.contains_key(&code.get()),
                    "department code {code} is taken"
                );
                units.by_code.insert(code.get(), units.list.len());
                units.list.push(OrgUnit {
                    code,
                    name: agency.name.clone(),
                    level: UnitLevel::Department,
                    parent: province,
                });
            }
        }
        units
    })
}

/// Parses the `code,name,level,parent_code` list; an error names the line.
pub fn parse_units(csv: &str) -> Result<Units, String> {
    let mut list = Vec::new();
    let mut by_code = HashMap::new();
    for (number, line) in csv.lines().enumerate().skip(1) {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        let fail = |what: &str| format!("line {}: {what}: {line}", number + 1);
        let fields: Vec<&str> = line.split(',').collect();
        let [code, name, level, parent] = fields[..] else {
            return Err(fail("expected 4 columns"));
        };
        let code: UnitCode = code.parse().map_err(|_| fail("bad code"))?;
        let level = match level {
            "province" => UnitLevel::Province,
            "district" => UnitLevel::District,
            "commune" => UnitLevel::Commune,
            _ => return Err(fail("bad level")),
        };
        let parent = match parent {
            "" => None,
            p => Some(p.parse().map_err(|_| fail("bad parent"))?),
        };
        if by_code.insert(code.get(), list.len()).is_some() {
            return Err(fail("duplicate code"));
        }
        list.push(OrgUnit {
            code,
            name: name.to_string(),
            level,
            parent,
        });
    }
    for unit in &list {
        if let Some(parent) = unit.parent
            && !by_code.contains_key(&parent.get())
        {
            return Err(format!(
                "unit {} names a missing parent {parent}",
                unit.code
            ));
        }
    }
    Ok(Units { list, by_code })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_2022_list_has_the_province_21_districts_and_460_communes() {
        let all = units().all();
        let count = |level| all.iter().filter(|u| u.level == level).count();
        assert_eq!(count(UnitLevel::Province), 1);
        assert_eq!(count(UnitLevel::District), 21);
        assert_eq!(count(UnitLevel::Commune), 460);
        assert_eq!(count(UnitLevel::Department), 18);
        let code = |c: &str| c.parse::<UnitCode>().unwrap();
        let ldtbxh = units().get(code("90001")).unwrap();
        assert_eq!(ldtbxh.name, "Sở Lao động - Thương binh và Xã hội");
        assert_eq!(ldtbxh.parent.map(UnitCode::get), Some(40));
        let my_ly = units().get(code("16816")).unwrap();
        assert_eq!(my_ly.name, "Xã Mỹ Lý");
        assert_eq!(
            units().get(my_ly.parent.unwrap()).unwrap().name,
            "Huyện Kỳ Sơn"
        );
    }

    #[test]
    fn a_bad_line_is_named() {
        let err = parse_units("code,name,level,parent_code\n40,Tỉnh,province,\nx,Bad,commune,40\n")
            .err()
            .unwrap();
        assert!(err.starts_with("line 3: bad code"), "{err}");
    }
}
