//! How times and day counts read in Vietnamese.

use shared::vocabulary::Date;

/// "07:31 28/11/2026" for a time in ms since the epoch, in the device's time zone.
pub fn date_time(ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!(
        "{:02}:{:02} {:02}/{:02}/{}",
        d.get_hours(),
        d.get_minutes(),
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year()
    )
}

/// Today's civil date on the device.
pub fn today() -> Date {
    let d = js_sys::Date::new_0();
    Date::new(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
}

/// "còn 5 ngày", "hạn chót hôm nay", "quá hạn 2 ngày" for a report due before `due`.
pub fn countdown(due: Date) -> String {
    let days = due.days_since_epoch() - today().days_since_epoch();
    match days {
        d if d > 0 => format!("còn {d} ngày"),
        0 => "hết hạn hôm nay".to_string(),
        d => format!("quá hạn {} ngày", -d),
    }
}
