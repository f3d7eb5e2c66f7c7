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
    // Two colours: a 1-bit palette image is a fraction of the RGB one, and every byte
    // counts against the officer's first visit.
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::One);
    encoder.set_palette([BRAND[0], BRAND[1], BRAND[2], 255, 255, 255].to_vec());
    encoder.set_compression(png::Compression::Best);
    let stride = size.div_ceil(8) as usize;
    let mut pixels = vec![0u8; stride * size as usize];
    let scale = 512.0 / f64::from(size);
    for row in 0..size {
        for column in 0..size {
            let (x, y) = (
                (f64::from(column) + 0.5) * scale,
                (f64::from(row) + 0.5) * scale,
            );
            if on_symbol(x, y) {
                pixels[row as usize * stride + column as usize / 8] |= 0x80 >> (column % 8);
            }
        }
    }
    encoder.write_header()?.write_image_data(&pixels)?;
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icons_decode_to_the_symbol_on_the_brand_colour() {
        let dir = std::env::temp_dir().join(format!("vstbpn-icons-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for size in [192, 512] {
            let name = write(&dir, size).unwrap();
            let mut decoder = png::Decoder::new(std::fs::File::open(dir.join(&name)).unwrap());
            // Expanded to 8-bit RGB, as a browser sees it.
            decoder.set_transformations(png::Transformations::EXPAND);
            let mut reader = decoder.read_info().unwrap();
            let mut buffer = vec![0; reader.output_buffer_size()];
            let frame = reader.next_frame(&mut buffer).unwrap();
            assert_eq!((frame.width, frame.height), (size, size));
            assert_eq!(frame.color_type, png::ColorType::Rgb);
            let pixel = |x: u32, y: u32| {
                let at = ((y * size + x) * 3) as usize;
                [buffer[at], buffer[at + 1], buffer[at + 2]]
            };
            let at = |v: f64| (v * f64::from(size) / 512.0) as u32;
            assert_eq!(pixel(0, 0), BRAND, "corner");
            assert_eq!(pixel(at(256.0), at(256.0)), BRAND, "inside the ring");
            assert_eq!(
                pixel(at(256.0), at(104.0)),
                [255, 255, 255],
                "top of the ring"
            );
            assert_eq!(pixel(at(256.0), at(400.0)), [255, 255, 255], "the stem");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
