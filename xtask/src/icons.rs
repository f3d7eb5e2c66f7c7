//! The app's PNG icons (192 and 512 px, for installing to an Android home screen), drawn
//! from the same shapes as `frontend/static/icon.svg`: the women's symbol in white on the
//! brand colour, with a margin that survives a maskable crop.

use anyhow::Result;
use std::path::Path;

const BRAND: [u8; 3] = [0x8a, 0x15, 0x38];

/// Whether the point (in a 512-unit square) is on the symbol: a ring and a cross below it.
fn on_symbol(x: f64, y: f64) -> bool {
    let (cx, cy, radius, half_stroke) = (256.0, 196.0, 92.0, 18.0);
    let distance = ((x - cx).powi(2) + (y - cy).powi(2)).sqrt();
    let ring = (distance - radius).abs() <= half_stroke;
    let stem = (x - 256.0).abs() <= half_stroke && (288.0..=438.0).contains(&y);
    let bar = (y - 372.0).abs() <= half_stroke && (190.0..=322.0).contains(&x);
    ring || stem || bar
}

/// Writes `icon-<size>.png` into `dist`.
pub fn write(dist: &Path, size: u32) -> Result<String> {
    let name = format!("icon-{size}.png");
    let file = std::fs::File::create(dist.join(&name))?;
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), size, size);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut pixels = Vec::with_capacity((size * size * 3) as usize);
    let scale = 512.0 / f64::from(size);
    for row in 0..size {
        for column in 0..size {
            let (x, y) = (
                (f64::from(column) + 0.5) * scale,
                (f64::from(row) + 0.5) * scale,
            );
            pixels.extend(if on_symbol(x, y) {
                [255, 255, 255]
            } else {
                BRAND
            });
        }
    }
    encoder.write_header()?.write_image_data(&pixels)?;
    Ok(name)
}
