//! One-line trend glyphs for scores across terms: `▁▂▃▅█`, with `·` where a term has no
//! value. Text, not a chart widget, so it sits inside a line of other text and survives
//! copying into minutes.

/// Bars from lowest to highest. Five steps read well on a projector.
pub const BARS: [char; 5] = ['▁', '▂', '▃', '▅', '█'];

/// The glyph for a missing value.
pub const GAP: char = '·';

/// One glyph per value, scaled from `min` (lowest bar) to `max` (highest bar).
pub fn spark(values: &[Option<f64>], min: f64, max: f64) -> String {
    values.iter().map(|v| bar(*v, min, max)).collect()
}

/// The glyph for one value.
pub fn bar(value: Option<f64>, min: f64, max: f64) -> char {
    let Some(v) = value.filter(|v| v.is_finite()) else {
        return GAP;
    };
    let span = max - min;
    let t = if span > 0.0 {
        ((v - min) / span).clamp(0.0, 1.0)
    } else {
        1.0
    };
    BARS[(t * (BARS.len() - 1) as f64).round() as usize]
}

/// Integer scores on a scale `min..=max`.
pub fn spark_scores(values: &[Option<u8>], min: u8, max: u8) -> String {
    let vals: Vec<Option<f64>> = values.iter().map(|v| v.map(f64::from)).collect();
    spark(&vals, min as f64, max as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_ends_to_lowest_and_highest_bar() {
        assert_eq!(
            spark_scores(&[Some(1), Some(2), Some(3), Some(4), None], 1, 4),
            "▁▂▅█·"
        );
    }

    #[test]
    fn out_of_range_and_degenerate_scales_do_not_panic() {
        assert_eq!(spark(&[Some(-5.0), Some(99.0)], 1.0, 4.0), "▁█");
        assert_eq!(spark(&[Some(2.0)], 3.0, 3.0), "█");
        assert_eq!(spark(&[Some(f64::NAN)], 1.0, 4.0), "·");
        assert_eq!(spark(&[], 1.0, 4.0), "");
    }
}
