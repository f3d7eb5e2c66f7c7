//! The consolidated Phụ lục 2 table as XLSX: the plan's columns (TT, mục tiêu / chỉ
//! tiêu, đơn vị tính, kết quả 2021, kế hoạch 2022, đơn vị chủ trì) with the year's
//! rolled-up actuals, units reported of those expected, whether the target is met, and
//! the consolidating level's own notes on each row (the province's explanation).
//! As the seed prints it: a lead agency's cell merged down the rows that take it (an empty
//! cell in print), rows as tall as their wrapped text, and a line saying the scope and
//! when the figures were taken.

use super::{Formats, write_value};
use rust_xlsxwriter::{Workbook, XlsxError};
use shared::plan::plan;
use shared::wire::ConsolidatedResponse;

/// The header row, as the sheet prints it.
pub const HEADERS: [&str; 10] = [
    "TT",
    "MỤC TIÊU, CHỈ TIÊU",
    "Đơn vị tính",
    "Kết quả năm 2021",
    "Kế hoạch năm 2022",
    "Thực hiện năm 2022",
    "Đơn vị đã báo cáo / phải báo cáo",
    "Đạt kế hoạch",
    "Đơn vị chủ trì tham mưu thực hiện",
    "Ghi chú, giải trình",
];

/// The row of the header; data starts on the next.
pub const HEADER_ROW: u32 = 4;

/// The column widths, in characters.
const WIDTHS: [f64; 10] = [6.0, 60.0, 10.0, 12.0, 12.0, 12.0, 14.0, 10.0, 24.0, 30.0];

/// A row tall enough for its wrapped text: 15 points a line, the longest of its cells by
/// how many lines it wraps to in its column.
fn fitted_height(cells: &[(usize, &str)]) -> f64 {
    let lines = cells
        .iter()
        .map(|(col, text)| {
            let room = (WIDTHS[*col] * 1.1) as usize;
            text.chars().count().div_ceil(room.max(1)).max(1)
        })
        .max()
        .unwrap_or(1);
    15.0 * lines as f64
}

/// The workbook's bytes; `approved_only` is said in the subtitle, with `as_of` (when the
/// figures were read, as the reviewer reads times).
pub fn write(
    table: &ConsolidatedResponse,
    approved_only: bool,
    as_of: &str,
) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let plan = plan();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Phụ lục 2")?;
    sheet
        .set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    for (col, width) in WIDTHS.into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    let last = HEADERS.len() as u16 - 1;
    sheet.merge_range(
        0,
        0,
        0,
        last,
        &format!(
            "Phụ lục 2. Kết quả thực hiện các mục tiêu, chỉ tiêu của Chiến lược quốc gia về \
             bình đẳng giới tỉnh Nghệ An năm {}",
            plan.year
        ),
        &f.title,
    )?;
    sheet.set_row_height(0, 36)?;
    sheet.merge_range(
        1,
        0,
        1,
        last,
        &format!("(Kèm theo {})", plan.document),
        &f.subtitle,
    )?;
    let scope = if approved_only {
        "chỉ số liệu của các báo cáo đã duyệt"
    } else {
        "gồm cả báo cáo chưa duyệt"
    };
    sheet.merge_range(
        2,
        0,
        2,
        last,
        &format!(
            "Phạm vi: {} — kỳ {} — {} — số liệu tính đến {as_of}",
            table.area, table.period, scope
        ),
        &f.subtitle,
    )?;
    for (col, h) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, col as u16, *h, &f.header)?;
    }
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    sheet.set_freeze_panes(HEADER_ROW + 1, 2)?;
    let mut row = HEADER_ROW;
    let mut objective = None;
    // The lead agency's cell that runs down: (first row, last row, text).
    let mut leads: Vec<(u32, u32, String)> = Vec::new();
    for r in &table.rows {
        row += 1;
        // Each objective opens with its own row, as in the plan ("I", "Mục tiêu 1: …").
        let of = plan.indicator(&r.id).map(|i| i.objective);
        if of != objective {
            objective = of;
            if let Some(o) = plan.objectives.iter().find(|o| Some(o.number) == of) {
                sheet.write_string_with_format(row, 0, &o.printed, &f.header)?;
                sheet.write_string_with_format(row, 1, &o.title, &f.bold_text)?;
                for col in 2..HEADERS.len() as u16 {
                    sheet.write_blank(row, col, &f.text)?;
                }
                row += 1;
            }
        }
        let text = if r.heading { &f.bold_text } else { &f.text };
        sheet.write_string_with_format(row, 0, &r.printed, &f.centered)?;
        sheet.write_string_with_format(row, 1, &r.text, text)?;
        sheet.write_string_with_format(row, 2, &r.unit, &f.centered)?;
        write_value(sheet, row, 3, &r.result_2021, &f.centered)?;
        write_value(sheet, row, 4, &r.plan_2022, &f.centered)?;
        write_value(
            sheet,
            row,
            5,
            r.actual.as_deref().unwrap_or(""),
            &f.centered,
        )?;
        let reported = if r.expected > 0 {
            format!("{}/{}", r.reported, r.expected)
        } else {
            String::new()
        };
        sheet.write_string_with_format(row, 6, &reported, &f.centered)?;
        let met = match r.met {
            Some(true) => "Đạt",
            Some(false) => "Chưa đạt",
            None => "",
        };
        sheet.write_string_with_format(row, 7, met, &f.centered)?;
        let note: String = r
            .note
            .as_deref()
            .map(|n| shared::file_text::for_file(n).to_string())
            .unwrap_or_default();
        let note: &str = &note;
        if note.is_empty() {
            sheet.write_blank(row, 9, &f.text)?;
        } else {
            sheet.write_string_with_format(row, 9, note, &f.text)?;
        }
        let lead = plan.indicator(&r.id).map(|i| &i.lead);
        match (lead, leads.last_mut()) {
            // An empty cell in print takes the agencies of the row above: one merged cell.
            (Some(l), Some(run)) if l.inherited && run.1 + 1 == row => run.1 = row,
            (Some(l), _) => leads.push((row, row, l.text.clone())),
            (None, _) => {}
        }
        sheet.set_row_height(
            row,
            fitted_height(&[
                (1, &r.text),
                (8, lead.map_or("", |l| l.text.as_str())),
                (9, note),
            ]),
        )?;
    }
    for (first, last, text) in leads {
        if first == last {
            sheet.write_string_with_format(first, 8, &text, &f.text)?;
        } else {
            sheet.merge_range(first, 8, last, 8, &text, &f.text)?;
        }
    }
    book.save_to_buffer()
}
