//! The activity report of a consolidating level (the province, or a district) as DOCX,
//! laid out as an administrative report (Nghị định 30/2020/NĐ-CP): A4 with its margins
//! (20 mm top and bottom, 30 mm left, 15 mm right), the two-column header (the issuing
//! body and its Số/ký hiệu over the national motto with place and date), the title, the
//! body following Phụ lục 3's outline (each section a heading "I.", "1.", "4.1."), then
//! Nơi nhận beside the signature block (title, the space to sign, the name), and page
//! numbers. Tables keep inside the margins with set column widths.
//!
//! The report is the level's own document: its narratives are the text the level wrote
//! (Sở LĐTBXH for the province), its counts, grids and tables every unit's figures and
//! rows once, the level's own among them (`shared::consolidation`). A second file, the
//! annex, lists under each heading what Phụ lục 3 asks (its prompts) and what each unit
//! wrote.

use docx_rs::{
    AlignmentType, Docx, Footer, PageMargin, PageNum, Paragraph, Run, RunFonts, Style, StyleType,
    Table, TableCell, TableLayoutType, TableRow, WidthType,
};

/// The text width between the margins of an A4 page (210 − 30 − 15 mm), in twips.
const TEXT_WIDTH: usize = 9354;

/// A table that fills the text width, its columns as given (twips, summing to it).
fn table(rows: Vec<TableRow>, columns: Vec<usize>) -> Table {
    Table::new(rows)
        .layout(TableLayoutType::Fixed)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .set_grid(columns)
}

/// Column widths: the first columns fixed, the rest sharing what is left.
fn columns(fixed: &[usize], shared: usize) -> Vec<usize> {
    let rest = TEXT_WIDTH - fixed.iter().sum::<usize>();
    let mut widths = fixed.to_vec();
    widths.extend(std::iter::repeat_n(rest / shared.max(1), shared));
    widths
}

/// A table's header row, repeated at the top of every page the table runs onto.
///
/// docx-rs writes no `w:tblHeader`, so the row is marked with `w:cantSplit` (which only
/// header rows carry here) and [`repeat_header_rows`] adds the flag to the packed file.
fn header_row(cells: Vec<TableCell>) -> TableRow {
    TableRow::new(cells).cant_split()
}

/// Adds `w:tblHeader` beside each header row's `w:cantSplit` in the packed document.
fn repeat_header_rows(packed: Vec<u8>) -> Result<Vec<u8>, anyhow::Error> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(packed))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        let name = file.name().to_string();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        if name == "word/document.xml" {
            let xml = String::from_utf8(bytes)?;
            bytes = xml
                .replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />")
                .into_bytes();
        }
        out.start_file(name, options)?;
        out.write_all(&bytes)?;
    }
    Ok(out.finish()?.into_inner())
}

/// A borderless two-column block (the header, the Nơi nhận and signature block).
fn two_columns(left: Vec<Paragraph>, right: Vec<Paragraph>, left_width: usize) -> Table {
    let cell = |paragraphs: Vec<Paragraph>, width: usize| {
        paragraphs
            .into_iter()
            .fold(TableCell::new(), TableCell::add_paragraph)
            .width(width, WidthType::Dxa)
            .clear_all_border()
    };
    table(
        vec![TableRow::new(vec![
            cell(left, left_width),
            cell(right, TEXT_WIDTH - left_width),
        ])],
        vec![left_width, TEXT_WIDTH - left_width],
    )
    .clear_all_border()
}
use shared::consolidation::{Grid, MergedActivity, MergedField};
use shared::file_text::for_file;
use shared::plan::{FieldKind, OutlineField, OutlineSection};
use shared::report::activity::{ActivityReport, outline};
use shared::vocabulary::UnitLevel;

/// What the report is about, for its header and title.
pub struct Heading {
    /// "UBND TỈNH NGHỆ AN" or the district's people's committee.
    pub committee: String,
    /// Where it is signed, for the date line: "Nghệ An", or the district ("Kỳ Sơn").
    pub place: String,
    /// Nơi nhận, apart from the file copy ("Lưu: VT.").
    pub recipients: Vec<String>,
    /// "năm 2022", "6 tháng đầu năm 2022".
    pub period: String,
    /// "chỉ các báo cáo đã duyệt" or "gồm cả báo cáo chưa duyệt".
    pub scope: String,
    /// How many units the report should merge (those owing it in the area).
    pub expected: usize,
    /// The merged reports that reached the server in someone else's file: "Xã Mỹ Lý
    /// (who, when)", in unit order.
    pub handed_in: Vec<String>,
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

/// `body` appended to `p`, each line of it on a line of its own (the break goes before).
fn lines(mut p: Paragraph, body: &str) -> Paragraph {
    for (i, line) in for_file(body).lines().enumerate() {
        let mut line_run = Run::new();
        if i > 0 {
            line_run = line_run.add_break(docx_rs::BreakType::TextWrapping);
        }
        p = p.add_run(line_run.add_text(line));
    }
    p
}

/// A field's content, under `label` (a section with several fields names each).
fn field_paragraphs(
    mut doc: Docx,
    f: &OutlineField,
    merged: &MergedField,
    label: Option<Paragraph>,
) -> Docx {
    if let Some(label) = label {
        doc = doc.add_paragraph(label);
    }
    match merged {
        MergedField::PerUnit(texts) if texts.is_empty() => {
            doc.add_paragraph(text("(Chưa có đơn vị nào báo cáo nội dung này.)"))
        }
        MergedField::PerUnit(texts) => {
            for (unit, body) in texts {
                let p = Paragraph::new().add_run(run(format!("{}: ", unit.name())).bold());
                doc = doc.add_paragraph(lines(p, body));
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
            let widths = columns(&[680, 1984], f.columns.len());
            let mut table = vec![header_row(header)];
            for (i, (unit, cells)) in rows.iter().enumerate() {
                let mut row = vec![
                    cell(&format!("{}.", i + 1), false),
                    cell(&unit.name(), false),
                ];
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
            doc.add_table(self::table(table, widths))
        }
        MergedField::Grid(grid) => {
            let (mut table, widths) = grid_header(f);
            table.extend(grid_rows(f, grid, None));
            doc.add_table(self::table(table, widths))
        }
        MergedField::LevelGrids(levels) => {
            let (mut table, widths) = grid_header(f);
            for (level, grid) in levels {
                // Each level under its own line, in that level's wording.
                table.push(TableRow::new(vec![
                    cell(level.tier(), true).grid_span(f.columns.len() + 1),
                ]));
                table.extend(grid_rows(f, grid, Some(*level)));
            }
            if levels.is_empty() {
                doc = doc.add_paragraph(text("(Chưa có đơn vị nào báo cáo số liệu này.)"));
            }
            doc.add_table(self::table(table, widths))
        }
    }
}

/// A grid table's header row and column widths.
fn grid_header(f: &OutlineField) -> (Vec<TableRow>, Vec<usize>) {
    let mut header = vec![cell("Số lượng / Nội dung", true)];
    header.extend(f.columns.iter().map(|c| cell(&c.label, true)));
    (vec![header_row(header)], columns(&[3402], f.columns.len()))
}

/// A grid's rows, labelled as units of `level` read them.
fn grid_rows(f: &OutlineField, grid: &Grid, level: Option<UnitLevel>) -> Vec<TableRow> {
    f.rows
        .iter()
        .map(|r| {
            let mut row = vec![cell(r.label_at(level), false)];
            row.extend(f.columns.iter().map(|c| {
                let n = grid.get(&r.key).and_then(|cells| cells.get(&c.key));
                cell(&n.map_or(String::new(), u64::to_string), false)
            }));
            TableRow::new(row)
        })
        .collect()
}

/// Which file is written: the level's report, or its annex of the units' answers.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The report the level signs: its own text, the figures of every unit once, Nơi nhận
    /// and the signature block.
    Report,
    /// Each unit's answers to each question, under the unit's name.
    Annex,
}

/// An empty document in the page layout of an administrative report, with its styles.
fn page() -> Docx {
    let font = RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman");
    let heading_style = |id: &str, name: &str| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .bold()
            .size(26)
    };
    Docx::new()
        .default_fonts(font)
        .default_size(26)
        .add_style(heading_style("Heading1", "Heading 1"))
        .add_style(heading_style("Heading2", "Heading 2"))
        .add_style(heading_style("Heading3", "Heading 3").italic())
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1134)
                .left(1701)
                .right(851)
                .header(567)
                .footer(567),
        )
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .add_page_num(PageNum::new())
                    .align(AlignmentType::Center),
            ),
        )
}

fn centered(t: &str, bold: bool) -> Paragraph {
    let run = run(t);
    Paragraph::new()
        .add_run(if bold { run.bold() } else { run })
        .align(AlignmentType::Center)
}

fn italic(t: &str) -> Paragraph {
    Paragraph::new().add_run(run(t).italic())
}

/// The file's bytes: the level's report (`own` is its own report, whose text is the
/// report's; `merged` its units' and its own figures), or the annex of its units' answers
/// (`merged` theirs alone); `units` is how many units' reports it is made of.
pub fn write(
    heading: &Heading,
    own: Option<&ActivityReport>,
    merged: &MergedActivity,
    units: usize,
    part: Part,
) -> Result<Vec<u8>, anyhow::Error> {
    // The issuing body and its number over the national motto, the place and the date.
    // In 12 points, as Nghị định 30 sets the header's lines: the motto on one line in the
    // wider right column, the committee's long name broken where a printed header breaks it.
    let line = |t: &str, bold: bool| {
        let run = run(t).size(24);
        Paragraph::new()
            .add_run(if bold { run.bold() } else { run })
            .align(AlignmentType::Center)
    };
    let mut doc = page().add_table(two_columns(
        vec![
            line(&heading.committee, false),
            line("BAN VÌ SỰ TIẾN BỘ", true),
            line("CỦA PHỤ NỮ", true),
            line("Số:        /BC-BVSTBPN", false),
        ],
        vec![
            line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true),
            line("Độc lập - Tự do - Hạnh phúc", true),
            Paragraph::new()
                .add_run(
                    run(format!("{}, ngày      tháng      năm      ", heading.place))
                        .italic()
                        .size(24),
                )
                .align(AlignmentType::Center),
        ],
        3402,
    ));
    let title = format!(
        "Kết quả hoạt động vì sự tiến bộ của phụ nữ {}",
        heading.period
    );
    doc = match part {
        Part::Report => doc
            .add_paragraph(text(""))
            .add_paragraph(centered("BÁO CÁO", true))
            .add_paragraph(centered(&title, true)),
        Part::Annex => doc
            .add_paragraph(text(""))
            .add_paragraph(centered("PHỤ LỤC", true))
            .add_paragraph(centered(
                &format!("Nội dung báo cáo của các đơn vị — {title}"),
                true,
            ))
            .add_paragraph(
                italic("(Kèm theo Báo cáo số        /BC-BVSTBPN)").align(AlignmentType::Center),
            ),
    };
    // What the report is made of: the body's first line, not part of the title.
    doc = doc.add_paragraph(text("")).add_paragraph(italic(&format!(
        "Số liệu tổng hợp từ báo cáo của {} trên {} đơn vị phải báo cáo ({}).",
        units, heading.expected, heading.scope
    )));
    if !heading.handed_in.is_empty() {
        doc = doc.add_paragraph(italic(&format!(
            "Báo cáo nộp hộ qua tệp (không do đơn vị tự gửi lên): {}.",
            heading.handed_in.join("; ")
        )));
    }
    for section in outline() {
        if section.is_signature() {
            continue;
        }
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(run(section_heading(section)))
                .style(&format!("Heading{}", level(section)))
                .outline_lvl(level(section) - 1),
        );
        // The annex says what Phụ lục 3 asked, then what each unit answered.
        if part == Part::Annex {
            for prompt in &section.prompts {
                doc = doc.add_paragraph(italic(&format!("- {}", prompt.text)));
            }
        }
        let many = section.fields.len() > 1;
        for (i, f) in section.fields.iter().enumerate() {
            let label = if section.number == "IV" {
                // The seed numbers the addressees of its proposals, in capitals.
                Some(
                    Paragraph::new()
                        .add_run(run(format!("{}. {}", i + 1, f.label.to_uppercase())).bold()),
                )
            } else {
                (many && f.kind != FieldKind::Count)
                    .then(|| Paragraph::new().add_run(run(format!("{}:", f.label)).italic()))
            };
            let written = matches!(f.kind, FieldKind::Narrative | FieldKind::Text);
            doc = match (part, written) {
                // The level's own words are the report's text.
                (Part::Report, true) => {
                    if let Some(label) = label {
                        doc = doc.add_paragraph(label);
                    }
                    let own_text = own.map_or("", |r| match f.kind {
                        FieldKind::Narrative => r.narrative(&f.key),
                        _ => r.text(&f.key),
                    });
                    match own_text.trim() {
                        "" => doc.add_paragraph(italic("(Chưa có nội dung.)")),
                        body => doc.add_paragraph(lines(Paragraph::new(), body)),
                    }
                }
                // Figures and tables: every unit once, the level's own among them.
                (Part::Report, false) => match merged.field(&f.key) {
                    Some(m) => field_paragraphs(doc, f, m, label),
                    None => doc,
                },
                // The annex: what each unit wrote, and the tables' rows with their unit.
                (Part::Annex, _) if f.kind == FieldKind::Count || f.kind == FieldKind::Grid => doc,
                (Part::Annex, _) => match merged.field(&f.key) {
                    Some(m) => field_paragraphs(doc, f, m, label),
                    None => doc,
                },
            };
        }
    }
    if part == Part::Report {
        let name = own.map_or("", |r| r.text("signer")).trim();
        doc = signature(doc, heading, name);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.pack(&mut out)?;
    repeat_header_rows(out.into_inner())
}

/// Nơi nhận beside the signature block: the title, the space to sign, the name.
fn signature(doc: Docx, heading: &Heading, name: &str) -> Docx {
    let signer = outline()
        .iter()
        .find(|s| s.is_signature())
        .map_or("Trưởng ban".to_string(), |s| s.title.clone());
    let signer = signer.to_uppercase();
    let title = signer
        .split_once(" VÌ ")
        .map_or((signer.as_str(), ""), |(head, _)| {
            (head, &signer[head.len() + 1..])
        });
    let recipient = |t: &str| Paragraph::new().add_run(run(t).size(22));
    let mut recipients = vec![Paragraph::new().add_run(run("Nơi nhận:").bold().italic().size(24))];
    recipients.extend(
        heading
            .recipients
            .iter()
            .map(|r| recipient(&format!("- {r}"))),
    );
    recipients.push(recipient("- Lưu: VT."));
    doc.add_paragraph(text("")).add_table(two_columns(
        recipients,
        vec![
            // The seed's two lines: "TRƯỞNG BAN" over the committee's name.
            centered(title.0, true),
            centered(title.1, true),
            italic("(Ký, ghi rõ họ tên và đóng dấu)").align(AlignmentType::Center),
            text(""),
            text(""),
            text(""),
            centered(
                if name.is_empty() {
                    "……………………………"
                } else {
                    name
                },
                true,
            ),
        ],
        4536,
    ))
}
