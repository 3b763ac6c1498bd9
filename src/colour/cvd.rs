//! Colour-vision deficiency simulation: Machado, Oliveira & Fernandes (2009), "A
//! physiologically-based model for simulation of color vision deficiency", at severity 1.0
//! (dichromacy). Each matrix acts on linear RGB.

use super::{encode, linear, Rgb};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deficiency {
    Protanopia,
    Deuteranopia,
    Tritanopia,
}

impl Deficiency {
    pub const ALL: [Deficiency; 3] = [
        Deficiency::Protanopia,
        Deficiency::Deuteranopia,
        Deficiency::Tritanopia,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Deficiency::Protanopia => "protanopia",
            Deficiency::Deuteranopia => "deuteranopia",
            Deficiency::Tritanopia => "tritanopia",
        }
    }

    /// The published severity-1.0 matrix (rows give R', G', B').
    fn matrix(self) -> [[f64; 3]; 3] {
        match self {
            Deficiency::Protanopia => [
                [0.152_286, 1.052_583, -0.204_868],
                [0.114_503, 0.786_281, 0.099_216],
                [-0.003_882, -0.048_116, 1.051_998],
            ],
            Deficiency::Deuteranopia => [
                [0.367_322, 0.860_646, -0.227_968],
                [0.280_085, 0.672_501, 0.047_413],
                [-0.011_820, 0.042_940, 0.968_881],
            ],
            Deficiency::Tritanopia => [
                [1.255_528, -0.076_749, -0.178_779],
                [-0.078_411, 0.930_809, 0.147_602],
                [0.004_733, 0.691_367, 0.303_900],
            ],
        }
    }
}

/// How `rgb` looks to someone with `deficiency` (None: normal vision, unchanged).
pub fn simulate(rgb: Rgb, deficiency: Option<Deficiency>) -> Rgb {
    let Some(d) = deficiency else { return rgb };
    let m = d.matrix();
    let v = [linear(rgb.0), linear(rgb.1), linear(rgb.2)];
    let row = |r: [f64; 3]| encode(r[0] * v[0] + r[1] * v[1] + r[2] * v[2]);
    (row(m[0]), row(m[1]), row(m[2]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::colour::delta_e;

    #[test]
    fn greys_are_unchanged() {
        for d in Deficiency::ALL {
            for g in [0u8, 64, 128, 200, 255] {
                let s = simulate((g, g, g), Some(d));
                for c in [s.0, s.1, s.2] {
                    assert!((c as i32 - g as i32).abs() <= 1, "{d:?} {g} → {s:?}");
                }
            }
        }
    }

    #[test]
    fn red_green_collapse_for_red_green_deficiencies_not_for_tritanopia() {
        // A red and a green of similar lightness: far apart normally and for tritanopes,
        // close for protanopes and deuteranopes.
        let (red, green) = ((200, 80, 60), (110, 140, 40));
        let normal = delta_e(red, green);
        assert!(normal > 30.0, "{normal}");
        for d in [Deficiency::Protanopia, Deficiency::Deuteranopia] {
            let de = delta_e(simulate(red, Some(d)), simulate(green, Some(d)));
            assert!(de < normal / 2.0, "{d:?}: {de}");
        }
        let tri = delta_e(
            simulate(red, Some(Deficiency::Tritanopia)),
            simulate(green, Some(Deficiency::Tritanopia)),
        );
        assert!(tri > normal / 2.0, "{tri}");
    }

    #[test]
    fn pure_red_to_a_protanope_is_a_dark_olive() {
        // Published behaviour of the model: protanopes see red as dark and yellowish.
        let s = simulate((255, 0, 0), Some(Deficiency::Protanopia));
        assert!(
            s.0 > s.2 && s.1 > s.2 && crate::colour::luminance(s) < 0.15,
            "{s:?}"
        );
    }
}
