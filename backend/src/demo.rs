//! Demo accounts for a first start: a commune officer of Xã Mỹ Lý in the mountain district
//! Kỳ Sơn, a district officer of Kỳ Sơn, two provincial reviewers at Sở LĐTBXH (one
//! drafts the province's report, the other approves it), and an administrator. Created only when asked (`--demo`) and only into an empty database.

use crate::auth::hash_password;
use crate::clock::now_ms;
use crate::store::{NewUser, Store};
use shared::access::Role;

/// One demo account: username, password, display name, role, unit.
pub struct DemoAccount {
    pub username: &'static str,
    pub password: &'static str,
    pub display_name: &'static str,
    pub role: Role,
    pub unit: Option<u32>,
}

pub const DEMO_ACCOUNTS: [DemoAccount; 5] = [
    DemoAccount {
        username: "canbo.myly",
        password: "MyLy@2022",
        display_name: "Lô Thị Mai (Xã Mỹ Lý)",
        role: Role::CommuneOfficer,
        unit: Some(16816),
    },
    DemoAccount {
        username: "canbo.kyson",
        password: "KySon@2022",
        display_name: "Vi Văn Hùng (Huyện Kỳ Sơn)",
        role: Role::DistrictOfficer,
        unit: Some(417),
    },
    DemoAccount {
        username: "thamdinh.ldtbxh",
        password: "LDTBXH@2022",
        display_name: "Nguyễn Thị Hoa (Sở LĐTBXH)",
        role: Role::ProvincialReviewer,
        unit: None,
    },
    // A second reviewer: whoever drafts the province's own report (or hands in a unit's
    // file) does not approve it.
    DemoAccount {
        username: "pheduyet.ldtbxh",
        password: "PheDuyet@2022",
        display_name: "Trần Văn Bình (Sở LĐTBXH)",
        role: Role::ProvincialReviewer,
        unit: None,
    },
    DemoAccount {
        username: "quantri",
        password: "QuanTri@2022",
        display_name: "Quản trị hệ thống",
        role: Role::Administrator,
        unit: None,
    },
];

/// Creates the demo accounts if the database has no user; returns whether it did.
pub async fn seed(store: &Store) -> anyhow::Result<bool> {
    if store.count_users().await? > 0 {
        return Ok(false);
    }
    for account in &DEMO_ACCOUNTS {
        store
            .create_user(
                NewUser {
                    username: account.username,
                    display_name: account.display_name,
                    password_hash: &hash_password(account.password)?,
                    role: account.role,
                    unit_code: account.unit,
                },
                now_ms(),
            )
            .await?;
    }
    Ok(true)
}

/// The accounts as the console prints them.
pub fn describe() -> String {
    let mut out = String::from("Demo accounts (username / password — role, unit):\n");
    for a in &DEMO_ACCOUNTS {
        let unit = a
            .unit
            .and_then(|c| shared::vocabulary::UnitCode::try_from(c).ok())
            .and_then(|c| c.unit())
            .map_or("toàn tỉnh".to_string(), |u| u.name.clone());
        out.push_str(&format!(
            "  {:<16} / {:<13} — {}, {}\n",
            a.username,
            a.password,
            a.role.label(),
            unit
        ));
    }
    out
}
