//! The roll-up benchmark (`cargo xtask bench` runs it): generated figures for every unit
//! expected to report every row of Phụ lục 2 (481 reporting units), rolled up 50 times by
//! the code the server runs (`shared::rollup::roll_up_all`); prints the median and the
//! slowest, never pass/fail. The bar is ≤ 100 ms.

use shared::plan::plan;
use shared::rollup::{Figure, Figures, expected_units, roll_up_all};
use std::time::Instant;

fn main() {
    let plan = plan();
    let mut figures = Figures::new();
    let mut n = 0u64;
    for indicator in &plan.indicators {
        for unit in expected_units(plan, indicator) {
            n += 1;
            let figure = match indicator.rollup {
                shared::plan::Rollup::Sum => Figure::Count(n % 17),
                shared::plan::Rollup::ProvinceOnly => {
                    Figure::Value(shared::plan::value::Decimal::from_int((n % 90) as i64))
                }
                _ => Figure::Fraction {
                    numerator: n % 5,
                    denominator: 5,
                },
            };
            figures.insert((indicator.id.clone(), unit), figure);
        }
    }
    let mut times = Vec::new();
    let mut rows = 0;
    for _ in 0..50 {
        let started = Instant::now();
        let rolled = roll_up_all(plan, &figures);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        rows = rolled.len();
    }
    times.sort_by(f64::total_cmp);
    println!(
        "roll-up of {rows} rows over {} unit figures: median {:.2} ms, slowest {:.2} ms (50 runs)",
        figures.len(),
        times[times.len() / 2],
        times[times.len() - 1]
    );
}
