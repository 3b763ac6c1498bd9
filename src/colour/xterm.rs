//! The xterm 256-colour palette: the 16 system colours at xterm's defaults, the 6×6×6 cube
//! and the 24-step grey ramp. Terminals may redefine the first 16; xterm's values are the
//! documented reference termly measures against.

use super::Rgb;

/// xterm's default system colours 0–15.
const SYSTEM: [Rgb; 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

const STEPS: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// The RGB an xterm shows for palette index `i`.
pub fn indexed_rgb(i: u8) -> Rgb {
    match i {
        0..=15 => SYSTEM[i as usize],
        16..=231 => {
            let n = i - 16;
            (
                STEPS[(n / 36) as usize],
                STEPS[(n / 6 % 6) as usize],
                STEPS[(n % 6) as usize],
            )
        }
        _ => {
            let v = 8 + 10 * (i - 232);
            (v, v, v)
        }
    }
}

/// The nearest cube or grey-ramp colour (16–255; the system colours vary by terminal).
pub fn nearest_256(rgb: Rgb) -> u8 {
    let dist = |c: Rgb| {
        let d = |x: u8, y: u8| (x as i32 - y as i32).pow(2);
        d(c.0, rgb.0) + d(c.1, rgb.1) + d(c.2, rgb.2)
    };
    (16..=255u8)
        .min_by_key(|&i| dist(indexed_rgb(i)))
        .unwrap_or(16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_corners() {
        assert_eq!(indexed_rgb(16), (0, 0, 0));
        assert_eq!(indexed_rgb(231), (255, 255, 255));
        assert_eq!(indexed_rgb(196), (255, 0, 0));
        assert_eq!(indexed_rgb(232), (8, 8, 8));
        assert_eq!(indexed_rgb(255), (238, 238, 238));
        assert_eq!(indexed_rgb(9), (255, 0, 0));
    }

    #[test]
    fn nearest_finds_exact_entries() {
        for i in 16..=255u8 {
            assert_eq!(indexed_rgb(nearest_256(indexed_rgb(i))), indexed_rgb(i));
        }
        assert_eq!(nearest_256((128, 128, 128)), 244);
    }
}
