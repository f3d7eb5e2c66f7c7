//! Accounts as the administrator creates them (`backend user-create`, `import-units`):
//! each input is checked and refused with a clear Vietnamese message before anything is
//! changed.

use crate::auth::hash_password;
use crate::clock::now_ms;
use crate::store::{NewUser, Store};
use anyhow::{Context, bail};
use shared::access::Role;
use shared::vocabulary::UnitCode;

/// A new password: 14 characters from an alphabet without look-alikes, told once.
pub fn new_password() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rngs::OsRng;
    (0..14)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

/// A login name: 3 to 40 of a–z, 0–9, dot, dash, underscore.
pub fn check_username(username: &str) -> anyhow::Result<()> {
    let ok = (3..=40).contains(&username.len())
        && username
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
    if !ok {
        bail!(
            "Tên đăng nhập «{username}» không hợp lệ: 3–40 ký tự a–z, 0–9, dấu chấm, gạch ngang, gạch dưới."
        );
    }
    Ok(())
}

/// One account to create, as typed by the administrator.
pub struct AccountInput<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub role: &'a str,
    pub unit: Option<&'a str>,
}

/// Checks an account and creates it with `password`; returns its id.
pub async fn create_user(
    store: &Store,
    input: AccountInput<'_>,
    password: &str,
) -> anyhow::Result<i64> {
    check_username(input.username)?;
    if input.display_name.trim().is_empty() {
        bail!("Thiếu họ tên hiển thị của tài khoản «{}».", input.username);
    }
    let role: Role = input.role.parse().map_err(|e: String| anyhow::anyhow!(e))?;
    let unit: Option<UnitCode> = input
        .unit
        .filter(|u| !u.trim().is_empty())
        .map(|u| u.trim().parse())
        .transpose()
        .map_err(|e: shared::vocabulary::IdError| anyhow::anyhow!(e.to_string()))?;
    role.check_unit(unit).map_err(|e| anyhow::anyhow!(e))?;
    if password.chars().count() < 8 {
        bail!("Mật khẩu phải có ít nhất 8 ký tự.");
    }
    if store.user_by_username(input.username).await?.is_some() {
        bail!("Tên đăng nhập «{}» đã có.", input.username);
    }
    Ok(store
        .create_user(
            NewUser {
                username: input.username,
                display_name: input.display_name.trim(),
                password_hash: &hash_password(password)?,
                role,
                unit_code: unit.map(UnitCode::get),
            },
            now_ms(),
        )
        .await?)
}

/// Creates the accounts of a CSV file (`unit_code,username,display_name,role`, with a
/// header line), all or none: every line is checked before the first account is made.
/// Returns (username, password) for each, to hand to the officers.
pub async fn import_accounts(store: &Store, csv: &str) -> anyhow::Result<Vec<(String, String)>> {
    let mut lines = csv.lines().filter(|l| !l.trim().is_empty());
    let header = lines.next().context("Tệp trống.")?;
    if header.trim() != "unit_code,username,display_name,role" {
        bail!("Dòng đầu của tệp phải là: unit_code,username,display_name,role");
    }
    let mut rows = Vec::new();
    for (n, line) in lines.enumerate() {
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let [unit, username, name, role] = fields[..] else {
            bail!("Dòng {}: cần đúng 4 cột.", n + 2);
        };
        rows.push((n + 2, unit, username, name, role));
    }
    // Check all first: a bad line changes nothing.
    let mut seen = std::collections::HashSet::new();
    for (line, unit, username, name, role) in &rows {
        let check = async {
            check_username(username)?;
            if name.is_empty() {
                bail!("thiếu họ tên");
            }
            let role: Role = role.parse().map_err(|e: String| anyhow::anyhow!(e))?;
            let unit = (!unit.is_empty())
                .then(|| unit.parse::<UnitCode>())
                .transpose()
                .map_err(|e| anyhow::anyhow!(e.to_string()))?;
            role.check_unit(unit).map_err(|e| anyhow::anyhow!(e))?;
            if !seen.insert(username.to_string()) {
                bail!("tên đăng nhập «{username}» lặp lại trong tệp");
            }
            if store.user_by_username(username).await?.is_some() {
                bail!("tên đăng nhập «{username}» đã có");
            }
            Ok(())
        };
        check.await.with_context(|| format!("Dòng {line}"))?;
    }
    let mut created = Vec::new();
    for (_, unit, username, name, role) in rows {
        let password = new_password();
        create_user(
            store,
            AccountInput {
                username,
                display_name: name,
                role,
                unit: Some(unit),
            },
            &password,
        )
        .await?;
        created.push((username.to_string(), password));
    }
    Ok(created)
}
