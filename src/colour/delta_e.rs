//! CIE L*a*b* (D65) and the CIEDE2000 colour difference (Sharma, Wu & Dalal 2005).

use super::{linear, Rgb};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lab {
    pub l: f64,
    pub a: f64,
    pub b: f64,
}

/// sRGB to CIE L*a*b* under D65.
pub fn to_lab(rgb: Rgb) -> Lab {
    lab_from_linear([linear(rgb.0), linear(rgb.1), linear(rgb.2)])
}

/// Linear sRGB (0–1) to CIE L*a*b* under D65.
pub fn lab_from_linear(lin: [f64; 3]) -> Lab {
    let [r, g, b] = lin;
    let x = 0.412_456_4 * r + 0.357_576_1 * g + 0.180_437_5 * b;
    let y = 0.212_672_9 * r + 0.715_152_2 * g + 0.072_175_0 * b;
    let z = 0.019_333_9 * r + 0.119_192_0 * g + 0.950_304_1 * b;
    let (xn, yn, zn) = (0.950_47, 1.0, 1.088_83);
    let f = |t: f64| {
        const E: f64 = 216.0 / 24389.0;
        const K: f64 = 24389.0 / 27.0;
        if t > E {
            t.cbrt()
        } else {
            (K * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x / xn), f(y / yn), f(z / zn));
    Lab {
        l: 116.0 * fy - 16.0,
        a: 500.0 * (fx - fy),
        b: 200.0 * (fy - fz),
    }
}

/// CIEDE2000 between two sRGB colours.
pub fn delta_e(a: Rgb, b: Rgb) -> f64 {
    ciede2000(to_lab(a), to_lab(b))
}

/// CIEDE2000 colour difference with kL = kC = kH = 1.
pub fn ciede2000(p: Lab, q: Lab) -> f64 {
    use std::f64::consts::PI;
    let deg = |r: f64| r * 180.0 / PI;
    let rad = |d: f64| d * PI / 180.0;
    let c1 = p.a.hypot(p.b);
    let c2 = q.a.hypot(q.b);
    let c_bar = (c1 + c2) / 2.0;
    let c7 = c_bar.powi(7);
    let g = 0.5 * (1.0 - (c7 / (c7 + 25f64.powi(7))).sqrt());
    let (a1, a2) = ((1.0 + g) * p.a, (1.0 + g) * q.a);
    let (c1p, c2p) = (a1.hypot(p.b), a2.hypot(q.b));
    let hue = |b: f64, a: f64| {
        if a == 0.0 && b == 0.0 {
            0.0
        } else {
            let h = deg(b.atan2(a));
            if h < 0.0 {
                h + 360.0
            } else {
                h
            }
        }
    };
    let (h1, h2) = (hue(p.b, a1), hue(q.b, a2));
    let dl = q.l - p.l;
    let dc = c2p - c1p;
    let dh_angle = if c1p * c2p == 0.0 {
        0.0
    } else if (h2 - h1).abs() <= 180.0 {
        h2 - h1
    } else if h2 - h1 > 180.0 {
        h2 - h1 - 360.0
    } else {
        h2 - h1 + 360.0
    };
    let dh = 2.0 * (c1p * c2p).sqrt() * (rad(dh_angle) / 2.0).sin();
    let l_bar = (p.l + q.l) / 2.0;
    let cp_bar = (c1p + c2p) / 2.0;
    let h_bar = if c1p * c2p == 0.0 {
        h1 + h2
    } else if (h1 - h2).abs() <= 180.0 {
        (h1 + h2) / 2.0
    } else if h1 + h2 < 360.0 {
        (h1 + h2 + 360.0) / 2.0
    } else {
        (h1 + h2 - 360.0) / 2.0
    };
    let t = 1.0 - 0.17 * rad(h_bar - 30.0).cos()
        + 0.24 * rad(2.0 * h_bar).cos()
        + 0.32 * rad(3.0 * h_bar + 6.0).cos()
        - 0.20 * rad(4.0 * h_bar - 63.0).cos();
    let d_theta = 30.0 * (-((h_bar - 275.0) / 25.0).powi(2)).exp();
    let cp7 = cp_bar.powi(7);
    let rc = 2.0 * (cp7 / (cp7 + 25f64.powi(7))).sqrt();
    let sl = 1.0 + 0.015 * (l_bar - 50.0).powi(2) / (20.0 + (l_bar - 50.0).powi(2)).sqrt();
    let sc = 1.0 + 0.045 * cp_bar;
    let sh = 1.0 + 0.015 * cp_bar * t;
    let rt = -(2.0 * rad(d_theta)).sin() * rc;
    let (l, c, h) = (dl / sl, dc / sc, dh / sh);
    (l * l + c * c + h * h + rt * c * h).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lab(l: f64, a: f64, b: f64) -> Lab {
        Lab { l, a, b }
    }

    /// Pairs from the test data published with Sharma, Wu & Dalal (2005).
    #[test]
    fn matches_the_published_test_pairs() {
        let pairs = [
            (
                lab(50.0, 2.6772, -79.7751),
                lab(50.0, 0.0, -82.7485),
                2.0425,
            ),
            (
                lab(50.0, 3.1571, -77.2803),
                lab(50.0, 0.0, -82.7485),
                2.8615,
            ),
            (
                lab(50.0, 2.8361, -74.0200),
                lab(50.0, 0.0, -82.7485),
                3.4412,
            ),
            (
                lab(50.0, -1.3802, -84.2814),
                lab(50.0, 0.0, -82.7485),
                1.0000,
            ),
            (lab(50.0, 0.0, 0.0), lab(50.0, -1.0, 2.0), 2.3669),
            (lab(50.0, 2.5, 0.0), lab(73.0, 25.0, -18.0), 27.1492),
            (
                lab(60.2574, -34.0099, 36.2677),
                lab(60.4626, -34.1751, 39.4387),
                1.2644,
            ),
        ];
        for (p, q, want) in pairs {
            let got = ciede2000(p, q);
            assert!((got - want).abs() < 1e-4, "{p:?} {q:?}: {got} ≠ {want}");
            assert!((ciede2000(q, p) - want).abs() < 1e-4, "not symmetric");
        }
    }

    #[test]
    fn lab_of_white_black_and_grey() {
        let w = to_lab((255, 255, 255));
        assert!((w.l - 100.0).abs() < 0.01 && w.a.abs() < 0.01 && w.b.abs() < 0.01);
        assert!(to_lab((0, 0, 0)).l.abs() < 1e-9);
        // sRGB #777777 is L* 50.0 (to a tenth).
        assert!((to_lab((0x77, 0x77, 0x77)).l - 50.0).abs() < 0.1);
        assert_eq!(delta_e((12, 34, 56), (12, 34, 56)), 0.0);
    }
}
