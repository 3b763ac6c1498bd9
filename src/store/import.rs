//! Writing imported data.
