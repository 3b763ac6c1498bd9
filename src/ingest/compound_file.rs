//! The Compound File Binary container (MS-CFB) that holds a legacy `.xls` workbook, read
//! without trusting it: every offset is checked against the file, and every sector chain is
//! followed at most once per sector, so a chain that loops or points past the end is an
//! error rather than an endless read. Nothing here copies a stream: a [`Stream`] is the list
//! of its sectors, read a few bytes at a time, so measuring a file costs little more than the
//! file itself.

use std::fmt;

const SIGNATURE: [u8; 8] = *b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// Sector numbers from here up are markers, not sectors.
const FIRST_MARKER: u32 = 0xFFFF_FFFA;
/// A DIFAT entry at or above this is not a FAT sector (DIFSECT, FATSECT, end, free).
const DIFAT_SECTOR: u32 = 0xFFFF_FFFC;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// Streams shorter than this live in the mini stream, in 64-byte mini sectors.
const MINI_STREAM_CUTOFF: u64 = 4096;
const MINI_SECTOR: usize = 64;
const DIRECTORY_ENTRY: usize = 128;

/// Why a container cannot be read; said as it is, after "cannot read the workbook: ".
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Malformed(pub String);

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn malformed<T>(what: impl Into<String>) -> Result<T, Malformed> {
    Err(Malformed(what.into()))
}

/// A compound file's layout: its sectors and where its FAT is.
pub(super) struct Container<'f> {
    file: &'f [u8],
    sector_size: usize,
    /// Sectors that start inside the file (the header is not one).
    sectors: u32,
    /// The sectors holding the FAT, in order.
    fat: Vec<u32>,
    /// The directory's 128-byte entries.
    directory: Stream<'f>,
    /// The mini stream and the mini FAT, when the file has them.
    mini: Option<(Stream<'f>, Stream<'f>)>,
}

/// A named stream found in the directory: where it starts and the length it claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Entry {
    pub start: u32,
    pub len: u64,
}

impl<'f> Container<'f> {
    /// Read the header, the FAT's place, the directory and the mini stream of `file`.
    pub(super) fn open(file: &'f [u8]) -> Result<Container<'f>, Malformed> {
        if file.len() < 512 || file[..8] != SIGNATURE {
            return malformed("not an Excel 97-2003 (.xls) file: no compound file header");
        }
        let sector_size = match u16_le(file, 30) {
            9 => 512,
            12 => 4096,
            shift => return malformed(format!("its sector size (2^{shift}) is not 512 or 4096")),
        };
        if u16_le(file, 32) != 6 {
            return malformed("its mini sector size is not 64 bytes");
        }
        if file.len() < sector_size {
            return malformed("its header is cut short");
        }
        let sectors = u32::try_from((file.len() - 1) / sector_size)
            .map_err(|_| Malformed("it has too many sectors".into()))?;
        let mut container = Container {
            file,
            sector_size,
            sectors,
            fat: Vec::new(),
            directory: Stream::empty(),
            mini: None,
        };
        container.fat = container.fat_sectors()?;
        let directory_start = u32_le(file, 48);
        container.directory = container.big_stream(directory_start, u64::MAX, "the directory")?;
        let root = container
            .entry(0)?
            .ok_or_else(|| Malformed("its directory is empty".into()))?;
        // As calamine does: the mini stream is read only when the header gives a mini FAT.
        if u32_le(file, 64) > 0 {
            let stream = container.big_stream(root.start, root.len, "the mini stream")?;
            let mini_fat_start = u32_le(file, 60);
            let mini_fat = container.big_stream(mini_fat_start, u64::MAX, "the mini FAT")?;
            container.mini = Some((stream, mini_fat));
        }
        Ok(container)
    }

    /// The FAT's sectors, listed by the header's 109 DIFAT entries and the DIFAT chain.
    fn fat_sectors(&self) -> Result<Vec<u32>, Malformed> {
        let mut listed: Vec<u32> = (76..512)
            .step_by(4)
            .map(|at| u32_le(self.file, at))
            .collect();
        let mut seen = Visited::new(self.sectors);
        let mut next = u32_le(self.file, 68);
        while next < FIRST_MARKER {
            seen.visit(next, "the DIFAT")?;
            let sector = self.sector(next)?;
            let entries = sector.len() / 4;
            if entries == 0 {
                return malformed("a DIFAT sector is cut short");
            }
            listed.extend((0..entries - 1).map(|i| u32_le(sector, i * 4)));
            next = u32_le(sector, (entries - 1) * 4);
        }
        // A FAT sector listed twice would be read twice: the FAT could outgrow the file.
        let mut fat_seen = Visited::new(self.sectors);
        let mut fat = Vec::new();
        for id in listed.into_iter().filter(|id| *id < DIFAT_SECTOR) {
            fat_seen.visit(id, "the FAT")?;
            fat.push(id);
        }
        Ok(fat)
    }

    /// The bytes of sector `id` (the last may be cut short by the end of the file).
    fn sector(&self, id: u32) -> Result<&'f [u8], Malformed> {
        if id >= self.sectors {
            return malformed(format!("sector {id} is past the end of the file"));
        }
        let start = (id as usize + 1) * self.sector_size;
        let end = (start + self.sector_size).min(self.file.len());
        Ok(&self.file[start..end])
    }

    /// The FAT's entry for sector `id`: the next sector of its chain.
    fn next_sector(&self, id: u32) -> Result<u32, Malformed> {
        let per_sector = self.sector_size / 4;
        let fat_sector = self
            .fat
            .get(id as usize / per_sector)
            .ok_or_else(|| Malformed(format!("sector {id} has no FAT entry")))?;
        let sector = self.sector(*fat_sector)?;
        let at = (id as usize % per_sector) * 4;
        if at + 4 > sector.len() {
            return malformed(format!("the FAT entry of sector {id} is cut short"));
        }
        Ok(u32_le(sector, at))
    }

    /// The chain of sectors from `start`, up to `len` bytes (or its end), as a stream.
    fn big_stream(&self, start: u32, len: u64, what: &str) -> Result<Stream<'f>, Malformed> {
        let ids = follow(start, len, self.sector_size, self.sectors, what, |id| {
            self.next_sector(id)
        })?;
        let mut held: u64 = 0;
        for id in &ids {
            held += self.sector(*id)?.len() as u64;
        }
        Ok(Stream {
            source: Source::File(self.file),
            sectors: ids,
            sector_size: self.sector_size,
            len: len.min(held),
        })
    }

    /// Directory entry `index`, or None past the directory's end.
    fn entry(&self, index: usize) -> Result<Option<Entry>, Malformed> {
        let at = (index * DIRECTORY_ENTRY) as u64;
        if at + DIRECTORY_ENTRY as u64 > self.directory.len {
            return Ok(None);
        }
        let mut raw = [0u8; DIRECTORY_ENTRY];
        self.directory.read_at(at, &mut raw)?;
        let len = if self.sector_size == 512 {
            u64::from(u32_le(&raw, 120))
        } else {
            u64::from(u32_le(&raw, 120)) | (u64::from(u32_le(&raw, 124)) << 32)
        };
        Ok(Some(Entry {
            start: u32_le(&raw, 116),
            len,
        }))
    }

    /// The first directory entry named `name` (ASCII letters in any case, as calamine
    /// looks), if any.
    pub(super) fn find(&self, name: &str) -> Result<Option<Entry>, Malformed> {
        let count = (self.directory.len / DIRECTORY_ENTRY as u64) as usize;
        for index in 0..count {
            let mut raw = [0u8; 64];
            self.directory
                .read_at((index * DIRECTORY_ENTRY) as u64, &mut raw)?;
            let units: Vec<u16> = raw
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|u| *u != 0)
                .collect();
            if String::from_utf16_lossy(&units).eq_ignore_ascii_case(name) {
                return self.entry(index);
            }
        }
        Ok(None)
    }

    /// The stream `entry` names: in the mini stream when shorter than 4096 bytes, else in
    /// the file's own sectors. Its length is what it claims, or less if its chain is shorter.
    pub(super) fn open_stream(&self, entry: Entry) -> Result<Stream<'_>, Malformed> {
        if entry.len >= MINI_STREAM_CUTOFF {
            return self.big_stream(entry.start, entry.len, "the workbook stream");
        }
        let Some((mini, mini_fat)) = &self.mini else {
            return malformed("the workbook stream is in a mini stream the file does not have");
        };
        let count = u32::try_from(mini.len.div_ceil(MINI_SECTOR as u64))
            .map_err(|_| Malformed("its mini stream is too long".into()))?;
        let ids = follow(
            entry.start,
            entry.len,
            MINI_SECTOR,
            count,
            "a mini stream chain",
            |id| {
                let mut next = [0u8; 4];
                mini_fat
                    .read_at(u64::from(id) * 4, &mut next)
                    .map_err(|_| Malformed(format!("mini sector {id} has no mini FAT entry")))?;
                Ok(u32::from_le_bytes(next))
            },
        )?;
        let held: u64 = ids
            .iter()
            .map(|id| (mini.len - u64::from(*id) * MINI_SECTOR as u64).min(MINI_SECTOR as u64))
            .sum();
        Ok(Stream {
            source: Source::Mini(mini),
            sectors: ids,
            sector_size: MINI_SECTOR,
            len: entry.len.min(held),
        })
    }
}

/// Follow a chain from `start` through `next` until its end or until it holds `len` bytes,
/// each of its `count` sectors at most once.
fn follow(
    start: u32,
    len: u64,
    sector_size: usize,
    count: u32,
    what: &str,
    next: impl Fn(u32) -> Result<u32, Malformed>,
) -> Result<Vec<u32>, Malformed> {
    let mut seen = Visited::new(count);
    let mut ids = Vec::new();
    let mut id = start;
    while id != END_OF_CHAIN {
        seen.visit(id, what)?;
        ids.push(id);
        if ids.len() as u64 * sector_size as u64 >= len {
            break;
        }
        id = next(id)?;
    }
    Ok(ids)
}

/// Which sectors a chain has passed through.
struct Visited(Vec<bool>);

impl Visited {
    fn new(count: u32) -> Visited {
        Visited(vec![false; count as usize])
    }

    fn visit(&mut self, id: u32, what: &str) -> Result<(), Malformed> {
        match self.0.get_mut(id as usize) {
            None => malformed(format!(
                "{what} points to sector {id}, past the end of the file"
            )),
            Some(true) => malformed(format!("{what} comes back to sector {id} (a loop)")),
            Some(seen) => {
                *seen = true;
                Ok(())
            }
        }
    }
}

/// A stream inside the container, read where it lies.
pub(super) struct Stream<'f> {
    source: Source<'f>,
    sectors: Vec<u32>,
    sector_size: usize,
    pub len: u64,
}

/// Where a stream's sectors are: the file's own sectors, or the mini stream's.
enum Source<'f> {
    File(&'f [u8]),
    Mini(&'f Stream<'f>),
}

impl<'f> Stream<'f> {
    fn empty() -> Stream<'f> {
        Stream {
            source: Source::File(&[]),
            sectors: Vec::new(),
            sector_size: 512,
            len: 0,
        }
    }

    /// Fill `buf` with the stream's bytes from `offset`.
    pub(super) fn read_at(&self, offset: u64, buf: &mut [u8]) -> Result<(), Malformed> {
        let short = || Malformed(format!("a stream is cut short at byte {offset}"));
        if offset.saturating_add(buf.len() as u64) > self.len {
            return Err(short());
        }
        let size = self.sector_size as u64;
        let mut done = 0;
        while done < buf.len() {
            let at = offset + done as u64;
            let id = *self.sectors.get((at / size) as usize).ok_or_else(short)?;
            let within = (at % size) as usize;
            let take = (self.sector_size - within).min(buf.len() - done);
            let piece = &mut buf[done..done + take];
            match self.source {
                Source::File(file) => {
                    let start = (id as usize + 1) * self.sector_size + within;
                    piece.copy_from_slice(file.get(start..start + take).ok_or_else(short)?);
                }
                Source::Mini(mini) => mini.read_at(u64::from(id) * size + within as u64, piece)?,
            }
            done += take;
        }
        Ok(())
    }
}

/// A little-endian u16 at `at` (the caller has checked the length).
pub(super) fn u16_le(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

/// A little-endian u32 at `at` (the caller has checked the length).
pub(super) fn u32_le(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A real workbook written by xlwt: 512-byte sectors, one FAT sector (8), the directory
    /// at sector 9, no mini stream, and a 4096-byte `Workbook` stream from sector 0.
    const FIXTURE: &[u8] = include_bytes!("../../tests/data/workbooks/attendance.xls");

    fn patched(at: usize, value: u32) -> Vec<u8> {
        let mut bytes = FIXTURE.to_vec();
        bytes[at..at + 4].copy_from_slice(&value.to_le_bytes());
        bytes
    }

    fn refusal(bytes: &[u8]) -> String {
        let opened = Container::open(bytes).and_then(|c| {
            let entry = c.find("Workbook")?.expect("a Workbook entry");
            c.open_stream(entry).map(|s| s.len)
        });
        opened.expect_err("refused").0
    }

    /// Where the FAT gives the next sector after `id` (the fixture's FAT is sector 8).
    fn fat_entry(id: u32) -> usize {
        9 * 512 + id as usize * 4
    }

    #[test]
    fn the_fixture_gives_its_workbook_stream() {
        let container = Container::open(FIXTURE).unwrap();
        let entry = container.find("workbook").unwrap().unwrap();
        assert_eq!(
            entry,
            Entry {
                start: 0,
                len: 4096
            }
        );
        let stream = container.open_stream(entry).unwrap();
        assert_eq!(stream.len, 4096);
        let mut bof = [0u8; 4];
        stream.read_at(0, &mut bof).unwrap();
        assert_eq!(bof, [0x09, 0x08, 0x10, 0x00], "a BIFF8 BOF record");
        // Across a sector edge: the last bytes of sector 0 and the first of sector 1.
        let mut edge = [0u8; 8];
        stream.read_at(508, &mut edge).unwrap();
        assert_eq!(edge[..4], FIXTURE[1020..1024]);
        assert_eq!(edge[4..], FIXTURE[1024..1028]);
        assert!(stream.read_at(4093, &mut edge).is_err(), "past its end");
        assert_eq!(container.find("Book").unwrap(), None);
    }

    #[test]
    fn a_cut_or_foreign_header_is_refused() {
        for len in [0, 7, 100, 511] {
            let said = Container::open(&FIXTURE[..len]).err().unwrap().0;
            assert!(said.contains("no compound file header"), "{len}: {said}");
        }
        let said = Container::open(b"PK\x03\x04 not a compound file at all")
            .err()
            .unwrap()
            .0;
        assert!(said.contains("not an Excel 97-2003 (.xls) file"), "{said}");
        let mut odd = FIXTURE.to_vec();
        odd[30] = 10;
        assert!(Container::open(&odd)
            .err()
            .unwrap()
            .0
            .contains("sector size"));
        // A header of 4096-byte sectors in a file of 1000 bytes.
        let mut big = FIXTURE[..1000].to_vec();
        big[30] = 12;
        assert!(Container::open(&big).err().unwrap().0.contains("cut short"));
    }

    #[test]
    fn a_chain_that_loops_is_refused() {
        // The directory's own sector as its next.
        let said = refusal(&patched(fat_entry(9), 9));
        assert_eq!(said, "the directory comes back to sector 9 (a loop)");
        // The workbook stream: sector 3 leads back to sector 1.
        let said = refusal(&patched(fat_entry(3), 1));
        assert_eq!(said, "the workbook stream comes back to sector 1 (a loop)");
        // The FAT sector listed twice in the header's DIFAT.
        let said = refusal(&patched(80, 8));
        assert_eq!(said, "the FAT comes back to sector 8 (a loop)");
        // A DIFAT chain whose sector names itself as the next.
        let mut difat = patched(68, 2);
        difat[4 * 512 - 4..4 * 512].copy_from_slice(&2u32.to_le_bytes());
        let said = refusal(&difat);
        assert_eq!(said, "the DIFAT comes back to sector 2 (a loop)");
    }

    #[test]
    fn a_sector_past_the_end_is_refused() {
        let said = refusal(&patched(48, 10_000));
        assert_eq!(
            said,
            "the directory points to sector 10000, past the end of the file"
        );
        // The workbook's first sector, in its directory entry (entry 1 of sector 9).
        let said = refusal(&patched(10 * 512 + 128 + 116, 4_000_000));
        assert!(said.contains("sector 4000000, past the end"), "{said}");
        // A FAT sector past the end.
        let said = refusal(&patched(76, 99));
        assert!(said.contains("sector 99, past the end"), "{said}");
        // A chain leading to a sector the file holds but the FAT does not cover.
        let mut long = FIXTURE.to_vec();
        long.extend(std::iter::repeat_n(0u8, 200 * 512));
        long[fat_entry(3)..fat_entry(3) + 4].copy_from_slice(&150u32.to_le_bytes());
        let said = refusal(&long);
        assert_eq!(said, "sector 150 has no FAT entry");
    }

    #[test]
    fn a_small_stream_needs_a_mini_stream() {
        // The workbook's length (entry 1 of the directory) said as 100 bytes.
        let said = refusal(&patched(10 * 512 + 128 + 120, 100));
        assert!(
            said.contains("mini stream the file does not have"),
            "{said}"
        );
    }
}
