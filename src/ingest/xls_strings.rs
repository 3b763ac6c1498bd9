//! The strings an `.xls` shared-string table (SST) really holds, counted as calamine reads
//! them. An empty string takes three bytes in the file and a whole `String` in memory, so a
//! table can hold millions more than its header claims: the count here is what calamine
//! will build, whatever the header says. So is the text of each, which calamine copies into
//! every cell that shows it.

/// The strings of a table: how many, and (for the first `most`) the bytes each takes once
/// read (at most: three for a two-byte character, one for a one-byte character).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Held {
    pub count: u64,
    pub bytes: Vec<u32>,
}

/// Count the strings in an SST's data (after its two counts) and the CONTINUE records'
/// data after it, each chunk as it lies, stopping past `most` strings (the table is
/// refused then) or where calamine would stop with an error.
pub(super) fn count(chunks: &[Vec<u8>], most: u64) -> Held {
    let mut table = Chunks {
        chunks,
        index: 0,
        at: 0,
    };
    let mut held = Held {
        count: 0,
        bytes: Vec::new(),
    };
    // calamine's loop: a string wherever data is left, moving on through the chunks.
    while held.count <= most && (!table.data().is_empty() || table.next_chunk()) {
        held.count += 1;
        if table.data().is_empty() {
            // calamine takes an empty chunk as an empty string.
            held.bytes.push(0);
            continue;
        }
        match table.string() {
            Some(bytes) => held.bytes.push(u32::try_from(bytes).unwrap_or(u32::MAX)),
            None => break,
        }
    }
    held
}

/// The chunks of a table and where reading has got to.
struct Chunks<'c> {
    chunks: &'c [Vec<u8>],
    index: usize,
    at: usize,
}

impl Chunks<'_> {
    fn data(&self) -> &[u8] {
        self.chunks
            .get(self.index)
            .map_or(&[][..], |c| c.get(self.at..).unwrap_or(&[]))
    }

    fn next_chunk(&mut self) -> bool {
        if self.index + 1 < self.chunks.len() {
            self.index += 1;
            self.at = 0;
            true
        } else {
            false
        }
    }

    /// `n` bytes from the current chunk, if it holds them.
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let data = self.chunks.get(self.index)?.get(self.at..self.at + n)?;
        self.at += n;
        Some(data)
    }

    /// Pass `n` bytes, across chunks.
    fn skip(&mut self, mut n: usize) -> Option<()> {
        while n > 0 {
            if self.data().is_empty() && !self.next_chunk() {
                return None;
            }
            let step = n.min(self.data().len());
            self.at += step;
            n -= step;
        }
        Some(())
    }

    /// One string (XLUnicodeRichExtendedString): the bytes it takes once read, or None
    /// where calamine would fail.
    fn string(&mut self) -> Option<u64> {
        let head = self.take(3)?;
        let chars = usize::from(u16::from_le_bytes([head[0], head[1]]));
        let flags = head[2];
        let mut wide = flags & 0x1 != 0;
        let runs = if flags & 0x8 != 0 {
            let n = self.take(2)?;
            usize::from(u16::from_le_bytes([n[0], n[1]]))
        } else {
            0
        };
        let extra = if flags & 0x4 != 0 {
            let n = self.take(4)?;
            // As calamine reads it: a negative size becomes a huge one, and fails.
            i32::from_le_bytes([n[0], n[1], n[2], n[3]]) as usize
        } else {
            0
        };
        // The characters may run on into the next chunk, which starts with its own flag.
        let mut left = chars;
        let mut bytes: u64 = 0;
        loop {
            let width = if wide { 2 } else { 1 };
            let here = left.min(self.data().len() / width);
            self.at += here * width;
            left -= here;
            bytes += (here * if wide { 3 } else { 1 }) as u64;
            if left == 0 {
                break;
            }
            if !self.next_chunk() {
                return None;
            }
            wide = self.take(1)?[0] & 0x1 != 0;
        }
        self.skip(runs * 4)?;
        self.skip(extra)?;
        Some(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latin(text: &str) -> Vec<u8> {
        let mut s = (text.len() as u16).to_le_bytes().to_vec();
        s.push(0);
        s.extend_from_slice(text.as_bytes());
        s
    }

    #[test]
    fn plain_rich_and_split_strings_are_counted() {
        let mut one = latin("URN");
        // A rich string: two runs of formatting after its text.
        one.extend_from_slice(&[2, 0, 0x08, 2, 0, b'o', b'k']);
        one.extend_from_slice(&[0; 8]);
        // A wide string of four characters, split after two: the next chunk starts with
        // its own flag (here: compressed).
        one.extend_from_slice(&[4, 0, 0x01, b'a', 0, b'b', 0]);
        let two = vec![0x00, b'c', b'd'];
        let held = count(&[one, two], 10);
        assert_eq!(held.count, 3);
        assert_eq!(held.bytes, [3, 2, 2 * 3 + 2]);
    }

    #[test]
    fn empty_strings_are_counted_one_by_one() {
        let table: Vec<u8> = [0u8, 0, 0].repeat(1000);
        assert_eq!(count(std::slice::from_ref(&table), 5000).count, 1000);
        // Past the most wanted, counting stops.
        assert_eq!(count(&[table], 10).count, 11);
    }

    #[test]
    fn a_string_cut_short_ends_the_count() {
        let mut table = latin("URN");
        table.extend_from_slice(&[200, 0, 0, b'x']);
        assert_eq!(count(&[table], 10).count, 2);
        assert_eq!(count(&[vec![1]], 10).count, 1);
        assert_eq!(count(&[], 10).count, 0);
        // A negative extension size.
        let negative = vec![0, 0, 0x04, 0xFF, 0xFF, 0xFF, 0xFF];
        assert_eq!(count(&[negative], 10).count, 1);
    }
}
