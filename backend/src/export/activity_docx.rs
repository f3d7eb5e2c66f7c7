//! The consolidated activity report as DOCX, following Phụ lục 3's outline: the state
//! header, the title, then each section as a heading ("I.", "1.", "4.1.") with the
//! merged content of its fields (`shared::consolidation`): sums for counts and grids,
//! each unit's text under its name, table rows with their unit, and the signer's block.

use docx_rs::{
    AlignmentType, Docx, Paragraph, Run, RunFonts, Style, StyleType, Table, TableCell, TableRow,
    WidthType,
};
use shared::consolidation::{MergedActivity, MergedField};
use shared::file_text::for_file;
use shared::plan::{FieldKind, OutlineField, OutlineSection};
use shared::report::activity::outline;

/// What the report is about, for its header and title.
pub struct Heading {
    /// "UBND TỈNH NGHỆ AN" or the district's people's committee.
    pub committee: String,
    /// "năm 2022", "6 tháng đầu năm 2022".
    pub period: String,
    /// "chỉ các báo cáo đã duyệt" or "gồm cả báo cáo chưa duyệt".
    pub scope: String,
    /// How many units the report should merge (those owing it in the area).
    pub expected: usize,
}

/// The heading a section prints: "I. …", "1. …" for "II.1", "4.1. …" for "II.4.1".
pub fn section_heading(section: &OutlineSection) -> String {
    let number = match section.number.split_once('.') {
        Some((_, rest)) => rest,
        None => section.number.as_str(),
    };
    format!("{number}. {}", section.title)
}

/// The heading level of a section: 1 for I–IV, 2 for "II.1", 3 for "II.4.1".
fn level(section: &OutlineSection) -> usize {
    section.number.matches('.').count() + 1
}

/// A run of text, cleaned of what the file cannot hold (`shared::file_text`).
fn run(t: impl AsRef<str>) -> Run {
    Run::new().add_text(for_file(t.as_ref()))
}

fn text(t: &str) -> Paragraph {
    Paragraph::new().add_run(run(t))
}

fn cell(t: &str, bold: bool) -> TableCell {
    let run = run(t);
    TableCell::new().add_paragraph(Paragraph::new().add_run(if bold { run.bold() } else { run }))
}

fn field_paragraphs(mut doc: Docx, f: &OutlineField, merged: &MergedField, many: bool) -> Docx {
    if many {
        doc = doc.add_paragraph(Paragraph::new().add_run(run(format!("{}:", f.label)).italic()));
    }
    match merged {
        MergedField::PerUnit(texts) if texts.is_empty() => {
            doc.add_paragraph(text("(Chưa có đơn vị nào báo cáo nội dung này.)"))
        }
        MergedField::PerUnit(texts) => {
            for (unit, body) in texts {
                let mut p = Paragraph::new().add_run(run(format!("{unit}: ")).bold());
                // Each line of the answer on a line of its own: the break goes before it.
                for (i, line) in for_file(body).lines().enumerate() {
                    let mut line_run = Run::new();
                    if i > 0 {
                        line_run = line_run.add_break(docx_rs::BreakType::TextWrapping);
                    }
                    p = p.add_run(line_run.add_text(line));
                }
                doc = doc.add_paragraph(p);
            }
            doc
        }
        MergedField::Sum { total, units } => doc.add_paragraph(text(&format!(
            "{}: {} (tổng hợp từ {} đơn vị)",
            f.label, total, units
        ))),
        MergedField::Rows(rows) => {
            let mut header = vec![cell("TT", true), cell("Đơn vị", true)];
            header.extend(f.columns.iter().map(|c| cell(&c.label, true)));
            let mut table = vec![TableRow::new(header)];
            for (i, (unit, cells)) in rows.iter().enumerate() {
                let mut row = vec![cell(&format!("{}.", i + 1), false), cell(unit, false)];
                row.extend(
                    f.columns
                        .iter()
                        .map(|c| cell(cells.get(&c.key).map_or("", String::as_str), false)),
                );
                table.push(TableRow::new(row));
            }
            if rows.is_empty() {
                doc = doc.add_paragraph(text("(Chưa có văn bản nào được báo cáo.)"));
            }
            doc.add_table(Table::new(table).width(9000, WidthType::Dxa))
        }
        MergedField::Grid(grid) => {
            let mut header = vec![cell("Số lượng / Nội dung", true)];
            header.extend(f.columns.iter().map(|c| cell(&c.label, true)));
            let mut table = vec![TableRow::new(header)];
            for r in &f.rows {
                let mut row = vec![cell(&r.label, false)];
                row.extend(f.columns.iter().map(|c| {
                    let n = grid.get(&r.key).and_then(|cells| cells.get(&c.key));
                    cell(&n.map_or(String::new(), u64::to_string), false)
                }));
                table.push(TableRow::new(row));
            }
            doc.add_table(Table::new(table).width(9000, WidthType::Dxa))
        }
    }
}

/// The document's bytes.
pub fn write(heading: &Heading, merged: &MergedActivity) -> Result<Vec<u8>, anyhow::Error> {
    let font = RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman");
    let mut doc = Docx::new()
        .default_fonts(font)
        .default_size(26)
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("Heading 1")
                .bold()
                .size(26),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("Heading 2")
                .bold()
                .size(26),
        )
        .add_style(
            Style::new("Heading3", StyleType::Paragraph)
                .name("Heading 3")
                .bold()
                .italic()
                .size(26),
        );
    let centered = |t: &str, bold: bool| {
        let run = run(t);
        Paragraph::new()
            .add_run(if bold { run.bold() } else { run })
            .align(AlignmentType::Center)
    };
    doc = doc
        .add_paragraph(centered(&heading.committee, false))
        .add_paragraph(centered("BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ", true))
        .add_paragraph(centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true))
        .add_paragraph(centered("Độc lập - Tự do - Hạnh phúc", true))
        .add_paragraph(text(""))
        .add_paragraph(centered("BÁO CÁO", true))
        .add_paragraph(centered(
            &format!(
                "Kết quả hoạt động vì sự tiến bộ của phụ nữ {}",
                heading.period
            ),
            true,
        ))
        .add_paragraph(
            Paragraph::new()
                .add_run(
                    Run::new()
                        .add_text(format!(
                            "(Tổng hợp từ báo cáo của {} trên {} đơn vị phải báo cáo; {})",
                            merged.units.len(),
                            heading.expected,
                            heading.scope
                        ))
                        .italic(),
                )
                .align(AlignmentType::Center),
        );
    for section in outline() {
        if section.number == "signer" {
            continue;
        }
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(run(section_heading(section)))
                .style(&format!("Heading{}", level(section)))
                .outline_lvl(level(section) - 1),
        );
        let many = section.fields.len() > 1;
        for f in &section.fields {
            if let Some(m) = merged.field(&f.key) {
                doc = field_paragraphs(doc, f, m, many && f.kind != FieldKind::Count);
            }
        }
    }
    if let Some(signer) = outline().iter().find(|s| s.number == "signer") {
        doc = doc
            .add_paragraph(text(""))
            .add_paragraph(
                Paragraph::new()
                    .add_run(run(signer.title.to_uppercase()).bold())
                    .align(AlignmentType::Right),
            )
            .add_paragraph(
                Paragraph::new()
                    .add_run(run("(Ký và ghi rõ họ tên)").italic())
                    .align(AlignmentType::Right),
            );
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.pack(&mut out)?;
    Ok(out.into_inner())
}
