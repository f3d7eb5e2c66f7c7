//! The official files the province sends on, laid out like the plan's appendices, all in
//! Vietnamese: the consolidated Phụ lục 2 table and the completeness matrix as XLSX
//! (rust_xlsxwriter), the consolidated activity report following Phụ lục 3 as DOCX
//! (docx-rs). Each writer takes data the domain layer built and checked (the same data
//! as the page) and returns the file's bytes; it decides only the layout.

pub mod activity_docx;
pub mod indicators_xlsx;
pub mod matrix_xlsx;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};
use shared::plan::value::PlanValue;

/// "05/12/2022 14:03", Vietnam time (UTC+7), from ms since the epoch.
pub fn vn_time(ms: i64) -> String {
    let secs = (ms + shared::vocabulary::VIETNAM_UTC_OFFSET_MS).div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let d = shared::vocabulary::Date::from_days_since_epoch(days);
    format!(
        "{:02}/{:02}/{} {:02}:{:02}",
        d.day,
        d.month,
        d.year,
        rem / 3600,
        rem % 3600 / 60
    )
}

/// The cell formats the sheets share.
pub(crate) struct Formats {
    pub title: Format,
    pub subtitle: Format,
    pub header: Format,
    pub text: Format,
    pub bold_text: Format,
    pub centered: Format,
}

impl Formats {
    pub fn new() -> Formats {
        let cell = Format::new()
            .set_font_name("Times New Roman")
            .set_font_size(12)
            .set_border(FormatBorder::Thin)
            .set_text_wrap();
        Formats {
            title: Format::new()
                .set_font_name("Times New Roman")
                .set_font_size(14)
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            subtitle: Format::new()
                .set_font_name("Times New Roman")
                .set_font_size(12)
                .set_italic()
                .set_align(FormatAlign::Center),
            header: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            bold_text: cell.clone().set_bold(),
            centered: cell.clone().set_align(FormatAlign::Center),
            text: cell,
        }
    }
}

/// Writes a value as printed in the plan ("66,67", "117/100", ">25", words): a plain
/// number becomes a number cell with as many decimals as printed (Excel shows the
/// decimal comma of a Vietnamese system), anything else stays the printed text.
pub(crate) fn write_value(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    printed: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    match PlanValue::parse(printed) {
        Ok(PlanValue::Number(d)) => {
            let decimals = "0".repeat(d.scale as usize);
            let pattern = if decimals.is_empty() {
                "0".to_string()
            } else {
                format!("0.{decimals}")
            };
            let number = d.units as f64 / 10f64.powi(d.scale as i32);
            sheet.write_number_with_format(
                row,
                col,
                number,
                &format.clone().set_num_format(pattern),
            )?;
        }
        _ => {
            sheet.write_string_with_format(row, col, printed, format)?;
        }
    }
    Ok(())
}
