//! Colour science for checking what a projector shows: WCAG contrast (with projector flare),
//! CIE L*a*b* and the CIEDE2000 colour difference, colour-vision-deficiency simulation
//! (Machado, Oliveira & Fernandes 2009) and the xterm palette that turns indexed terminal
//! colours back into RGB. Pure functions, no IO.

mod cvd;
mod delta_e;
mod xterm;

pub use cvd::{simulate, Deficiency};
pub use delta_e::{ciede2000, delta_e, to_lab, Lab};
pub use xterm::{indexed_rgb, nearest_256};

/// An sRGB colour, 8 bits a channel.
pub type Rgb = (u8, u8, u8);

/// The luminance a projector's flare adds to every colour, as a share of white: 5 %.
pub const PROJECTOR_FLARE: f64 = 0.05;

/// One sRGB channel (0–255) as linear light (0–1), by the sRGB transfer function.
pub fn linear(channel: u8) -> f64 {
    let c = channel as f64 / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// Linear light (0–1, clamped) back to an sRGB channel.
pub fn encode(value: f64) -> u8 {
    let v = value.clamp(0.0, 1.0);
    let c = if v <= 0.003_130_8 {
        v * 12.92
    } else {
        1.055 * v.powf(1.0 / 2.4) - 0.055
    };
    (c * 255.0).round() as u8
}

/// WCAG 2 relative luminance, 0 (black) to 1 (white).
pub fn luminance(rgb: Rgb) -> f64 {
    0.2126 * linear(rgb.0) + 0.7152 * linear(rgb.1) + 0.0722 * linear(rgb.2)
}

/// WCAG 2 contrast ratio, 1 to 21, whichever colour is lighter.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    contrast_with_flare(a, b, 0.0)
}

/// Contrast when stray light adds `flare` (a share of white's luminance) to both colours,
/// as a projector in a lit room does.
pub fn contrast_with_flare(a: Rgb, b: Rgb, flare: f64) -> f64 {
    let (la, lb) = (luminance(a) + flare, luminance(b) + flare);
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Black or white, whichever contrasts more with `bg`.
pub fn best_text(bg: Rgb) -> Rgb {
    if contrast((0, 0, 0), bg) >= contrast((255, 255, 255), bg) {
        (0, 0, 0)
    } else {
        (255, 255, 255)
    }
}

/// `fg` moved towards black or white (whichever `bg` contrasts with more) just far enough
/// to reach `target` against `bg`; the hue is kept as far as the target allows.
/// `quantise` is applied before each check so the result holds after, say, 256-colour
/// rounding.
pub fn readable(fg: Rgb, bg: Rgb, target: f64, quantise: impl Fn(Rgb) -> Rgb) -> Rgb {
    let end = best_text(bg);
    for step in 0..=40 {
        let t = step as f64 / 40.0;
        let mix = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * t).round() as u8;
        let c = quantise((mix(fg.0, end.0), mix(fg.1, end.1), mix(fg.2, end.2)));
        if contrast(c, bg) >= target {
            return c;
        }
    }
    quantise(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn wcag_luminance_and_contrast_known_values() {
        assert!(close(luminance((255, 255, 255)), 1.0, 1e-9));
        assert!(close(luminance((0, 0, 0)), 0.0, 1e-9));
        // Mid grey #777777 is the classic 4.48:1 on white.
        assert!(close(
            contrast((0x77, 0x77, 0x77), (255, 255, 255)),
            4.48,
            0.01
        ));
        assert!(close(contrast((0, 0, 0), (255, 255, 255)), 21.0, 1e-9));
        // #767676 is the lightest grey that passes AA on white.
        assert!(contrast((0x76, 0x76, 0x76), (255, 255, 255)) >= 4.5);
        // Pure red on white: 4.00:1.
        assert!(close(contrast((255, 0, 0), (255, 255, 255)), 4.0, 0.01));
        assert_eq!(
            contrast((10, 20, 30), (200, 100, 0)),
            contrast((200, 100, 0), (10, 20, 30))
        );
    }

    #[test]
    fn flare_lowers_contrast_most_for_dark_backgrounds() {
        let plain = contrast((255, 255, 255), (0, 0, 0));
        let flared = contrast_with_flare((255, 255, 255), (0, 0, 0), PROJECTOR_FLARE);
        assert!(close(flared, 1.1 / 0.1, 1e-9));
        assert!(flared < plain);
    }

    #[test]
    fn transfer_function_round_trips() {
        for c in 0..=255u8 {
            assert_eq!(encode(linear(c)), c);
        }
    }

    #[test]
    fn readable_reaches_the_target_or_the_extreme() {
        let bg = (18, 18, 24);
        let fg = readable((213, 94, 0), bg, 7.0, |c| c);
        assert!(contrast(fg, bg) >= 7.0);
        let light = readable((240, 228, 66), (250, 250, 250), 4.5, |c| c);
        assert!(contrast(light, (250, 250, 250)) >= 4.5);
        // Already enough: unchanged.
        assert_eq!(readable((255, 255, 255), bg, 7.0, |c| c), (255, 255, 255));
    }
}
