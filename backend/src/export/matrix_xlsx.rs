//! The completeness and timeliness matrix as XLSX: one sheet of units × reports with each
//! cell's status and submission date, and one of the counts and rates per district.

use super::Formats;
use super::vn_time;
use rust_xlsxwriter::{Color, Format, Workbook, XlsxError};
use shared::overview::CellStatus;
use shared::wire::{DistrictTally, OverviewResponse};

fn fill(status: CellStatus) -> Color {
    match status {
        CellStatus::NotSubmitted => Color::RGB(0xF2DEDE),
        CellStatus::OnTime => Color::RGB(0xDFF0D8),
        CellStatus::Late => Color::RGB(0xFCF8E3),
        CellStatus::Returned => Color::RGB(0xF9E0C7),
        CellStatus::Approved => Color::RGB(0xC8E6C9),
        CellStatus::EditedAfterApproval => Color::RGB(0xD9EDF7),
    }
}

/// The workbook's bytes.
pub fn write(matrix: &OverviewResponse) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut book = Workbook::new();

    let sheet = book.add_worksheet();
    sheet.set_name("Tình hình nộp báo cáo")?;
    sheet
        .set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    let columns = matrix.columns.len() as u16;
    let last = 2 + columns;
    sheet.merge_range(
        0,
        0,
        0,
        last,
        &format!(
            "TÌNH HÌNH NỘP BÁO CÁO {} — {}",
            matrix.period_label.to_uppercase(),
            "KẾ HOẠCH BÌNH ĐẲNG GIỚI TỈNH NGHỆ AN"
        ),
        &f.title,
    )?;
    let header = ["TT", "Đơn vị", "Thuộc huyện"];
    for (col, h) in header.iter().enumerate() {
        sheet.write_string_with_format(2, col as u16, *h, &f.header)?;
    }
    for (i, c) in matrix.columns.iter().enumerate() {
        let due = shared::vocabulary::Date::parse_iso(&c.due)
            .map_or_else(|| c.due.clone(), |d| d.to_string());
        sheet.write_string_with_format(
            2,
            3 + i as u16,
            format!("{} (hạn {due})", c.title),
            &f.header,
        )?;
    }
    sheet.set_column_width(0, 6)?;
    sheet.set_column_width(1, 30)?;
    sheet.set_column_width(2, 22)?;
    for i in 0..columns {
        sheet.set_column_width(3 + i, 28)?;
    }
    sheet.set_repeat_rows(2, 2)?;
    sheet.set_freeze_panes(3, 2)?;
    for (i, r) in matrix.rows.iter().enumerate() {
        let row = 3 + i as u32;
        sheet.write_number_with_format(row, 0, (i + 1) as f64, &f.centered)?;
        sheet.write_string_with_format(row, 1, &r.unit_name, &f.text)?;
        sheet.write_string_with_format(
            row,
            2,
            r.district_name.as_deref().unwrap_or(""),
            &f.text,
        )?;
        for (j, cell) in r.cells.iter().enumerate() {
            let col = 3 + j as u16;
            match cell {
                None => {
                    sheet.write_string_with_format(row, col, "Không phải nộp", &f.centered)?;
                }
                Some(cell) => {
                    let mut text = match cell.submitted_at {
                        Some(at) => format!("{} ({})", cell.status.label(), vn_time(at)),
                        None => cell.status.label().to_string(),
                    };
                    // The time is the version that was on time; say so when it moved on.
                    if cell.edited_after_submission {
                        text.push_str("; sửa sau khi nộp");
                    }
                    if cell.handed_in {
                        text.push_str("; nộp hộ qua tệp");
                    }
                    let format: Format = f.centered.clone().set_background_color(fill(cell.status));
                    sheet.write_string_with_format(row, col, &text, &format)?;
                }
            }
        }
    }

    let sheet = book.add_worksheet();
    sheet.set_name("Tổng hợp theo huyện")?;
    let header = [
        "Huyện / khối",
        "Phải nộp",
        "Đã nộp",
        "Đúng hạn",
        "Muộn",
        "Bị trả lại",
        "Đã duyệt",
        "Tỷ lệ đã nộp (%)",
        "Tỷ lệ đúng hạn (%)",
    ];
    sheet.merge_range(
        0,
        0,
        0,
        header.len() as u16 - 1,
        &format!(
            "SỐ LƯỢNG VÀ TỶ LỆ NỘP BÁO CÁO {}",
            matrix.period_label.to_uppercase()
        ),
        &f.title,
    )?;
    for (col, h) in header.iter().enumerate() {
        sheet.write_string_with_format(2, col as u16, *h, &f.header)?;
        sheet.set_column_width(col as u16, if col == 0 { 30 } else { 12 })?;
    }
    let tallies: Vec<&DistrictTally> = matrix
        .districts
        .iter()
        .chain(std::iter::once(&matrix.total))
        .collect();
    for (i, d) in tallies.iter().enumerate() {
        let row = 3 + i as u32;
        let name = if std::ptr::eq(*d, &matrix.total) {
            &f.bold_text
        } else {
            &f.text
        };
        sheet.write_string_with_format(row, 0, &d.name, name)?;
        let t = &d.tally;
        for (col, n) in [
            t.expected,
            t.submitted,
            t.on_time,
            t.late,
            t.returned,
            t.approved,
        ]
        .into_iter()
        .enumerate()
        {
            sheet.write_number_with_format(row, 1 + col as u16, f64::from(n), &f.centered)?;
        }
        super::write_value(sheet, row, 7, &d.submitted_rate, &f.centered)?;
        super::write_value(sheet, row, 8, &d.on_time_rate, &f.centered)?;
    }
    book.save_to_buffer()
}
