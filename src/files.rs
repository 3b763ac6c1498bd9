//! The one door for every file termly writes: minutes, papers, exports, action logs,
//! backups, demo data and config. A file is written under a new temporary name in the same
//! folder, created exclusively without following links, synced, then renamed over its
//! target, so a reader never sees half a file, a link planted at any name termly writes is
//! never followed, and nothing is left behind when writing fails. Files are readable and
//! writable by their owner only (0600), because minutes, backups and logs name schools and
//! people.

use std::fs::{File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How many fresh temporary names to try when one is taken (by a planted file or link).
const NAME_TRIES: u32 = 16;

/// A file being written: a private temporary file beside `target`. [`PrivateFile::commit`]
/// syncs it and renames it over the target; dropped uncommitted, it is removed.
pub struct PrivateFile {
    file: Option<File>,
    temp: PathBuf,
    target: PathBuf,
}

impl PrivateFile {
    /// Start writing `target`, making its folder if needed.
    pub fn create(target: &Path) -> io::Result<PrivateFile> {
        let folder = folder_of(target);
        std::fs::create_dir_all(&folder).map_err(|e| in_words(e, &folder))?;
        let (temp, file) = create_temp_beside(target)?;
        Ok(PrivateFile {
            file: Some(file),
            temp,
            target: target.to_path_buf(),
        })
    }

    /// The temporary name being written (for writers, such as SQLite, that open by name).
    pub fn temp_path(&self) -> &Path {
        &self.temp
    }

    /// Sync and rename over the target (replacing a link there, never writing through it).
    pub fn commit(mut self) -> io::Result<()> {
        let folder = folder_of(&self.target);
        let file = self.file.take().expect("a file not yet committed");
        let done = file
            .sync_all()
            .and_then(|()| {
                drop(file);
                std::fs::rename(&self.temp, &self.target)
            })
            .map_err(|e| in_words(e, &folder));
        if done.is_ok() {
            // The rename is done; a folder that cannot be synced (some network file systems)
            // still holds the file.
            let _ = File::open(&folder).and_then(|d| d.sync_all());
            self.temp = PathBuf::new();
        }
        done
    }
}

impl Write for PrivateFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let folder = folder_of(&self.target);
        self.file
            .as_mut()
            .expect("a file not yet committed")
            .write(buf)
            .map_err(|e| in_words(e, &folder))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file
            .as_mut()
            .expect("a file not yet committed")
            .flush()
    }
}

impl Drop for PrivateFile {
    fn drop(&mut self) {
        if !self.temp.as_os_str().is_empty() {
            // Best effort: the error that stopped the write is the one reported.
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Write `bytes` to `path` through [`PrivateFile`].
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = PrivateFile::create(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// Append `line` to the log at `path`, creating it owner-only; a link at that name is
/// refused, never followed.
pub fn append_private(path: &Path, line: &str) -> io::Result<()> {
    let folder = folder_of(path);
    std::fs::create_dir_all(&folder)?;
    let mut options = private_options();
    options.append(true).create(true);
    let mut file = options.open(path).map_err(|e| in_words(e, &folder))?;
    writeln!(file, "{line}").map_err(|e| in_words(e, &folder))
}

/// Create an empty owner-only file for a program that writes it by name (SQLite), and its
/// folder. An existing file is left as it is; a link to nothing is refused, not followed.
pub fn create_empty_private(path: &Path) -> io::Result<()> {
    let folder = folder_of(path);
    std::fs::create_dir_all(&folder)?;
    let mut options = private_options();
    options.create_new(true);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) && !path.exists() {
                return Err(io::Error::other("it is a link to nothing; remove the link"));
            }
            Ok(())
        }
        Err(e) => Err(in_words(e, &folder)),
    }
}

/// Open options for a file only its owner may read, that never follow a link at the name
/// itself. The one place file privacy is set on Unix.
fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    options
}

/// A new, empty, owner-only file with a fresh name beside `target`: created exclusively, so
/// an existing file or link of that name (even a dangling one) is never opened.
fn create_temp_beside(target: &Path) -> io::Result<(PathBuf, File)> {
    let folder = folder_of(target);
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let mut last = None;
    for _ in 0..NAME_TRIES {
        let temp = folder.join(format!(".{name}.{:016x}.tmp", fresh_number()));
        let mut options = private_options();
        options.create_new(true);
        match options.open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(in_words(e, &folder)),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary name")))
}

/// A number no other writer can guess: std's per-process random hash keys, mixed with a
/// counter (the library never reads the clock).
fn fresh_number() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_u32(std::process::id());
    hasher.finish()
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A full disk said as such: "the disk holding <folder> is full".
pub fn in_words(e: io::Error, folder: &Path) -> io::Error {
    if is_disk_full(&e) {
        io::Error::new(
            io::ErrorKind::StorageFull,
            format!("the disk holding {} is full", folder.display()),
        )
    } else {
        e
    }
}

/// No space left, or the owner's quota used up.
pub fn is_disk_full(e: &io::Error) -> bool {
    if e.kind() == io::ErrorKind::StorageFull || e.kind() == io::ErrorKind::QuotaExceeded {
        return true;
    }
    #[cfg(unix)]
    {
        matches!(e.raw_os_error(), Some(libc::ENOSPC | libc::EDQUOT))
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// `path`, or the first of `stem-2.ext`, `stem-3.ext`… for which `taken` is false.
pub fn next_free_name(path: &Path, taken: impl Fn(&Path) -> bool) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let mut candidate = path.to_path_buf();
    let mut n = 2;
    while taken(&candidate) {
        candidate = path.with_file_name(format!("{stem}-{n}{ext}"));
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(p: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    #[cfg(unix)]
    fn written_files_are_owner_only_even_over_a_loose_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("sub/new.md");
        write_private(&new, b"hello").unwrap();
        assert_eq!(mode(&new), 0o600);
        let loose = dir.path().join("loose.md");
        std::fs::write(&loose, "old").unwrap();
        std::fs::set_permissions(&loose, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_private(&loose, b"new").unwrap();
        assert_eq!(mode(&loose), 0o600);
        assert_eq!(std::fs::read_to_string(&loose).unwrap(), "new");
        assert_eq!(
            names(dir.path()),
            ["loose.md", "sub"],
            "no temporary file left"
        );
    }

    #[test]
    #[cfg(unix)]
    fn a_link_at_the_target_is_replaced_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "precious").unwrap();
        let target = dir.path().join("minutes.md");
        std::os::unix::fs::symlink(&victim, &target).unwrap();
        let dangling = dir.path().join("log.md");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        write_private(&target, b"minutes").unwrap();
        write_private(&dangling, b"log").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert!(!dir.path().join("nowhere").exists());
        assert!(!std::fs::symlink_metadata(&target).unwrap().is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "minutes");
        assert_eq!(std::fs::read_to_string(&dangling).unwrap(), "log");
    }

    #[test]
    #[cfg(unix)]
    fn a_log_that_is_a_link_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "precious").unwrap();
        let log = dir.path().join("termly.log");
        std::os::unix::fs::symlink(&victim, &log).unwrap();
        assert!(append_private(&log, "line").is_err());
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        let real = dir.path().join("real.log");
        append_private(&real, "one").unwrap();
        append_private(&real, "two").unwrap();
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "one\ntwo\n");
        assert_eq!(mode(&real), 0o600);
    }

    #[test]
    fn a_failed_write_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("export.csv");
        {
            let mut file = PrivateFile::create(&target).unwrap();
            file.write_all(b"half").unwrap();
            // Dropped without commit: as when a write fails part way.
        }
        assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
    }

    #[test]
    fn a_full_disk_is_said_as_such() {
        let full = io::Error::from(io::ErrorKind::StorageFull);
        let said = in_words(full, Path::new("/srv/minutes")).to_string();
        assert_eq!(said, "the disk holding /srv/minutes is full");
        let other = in_words(io::Error::other("x"), Path::new("/srv"));
        assert_eq!(other.to_string(), "x");
    }

    #[test]
    fn next_free_name_counts_up_before_the_extension() {
        let taken = ["m.md", "m-2.md"];
        let next = next_free_name(Path::new("m.md"), |p| taken.contains(&p.to_str().unwrap()));
        assert_eq!(next, Path::new("m-3.md"));
        assert_eq!(
            next_free_name(Path::new("x.md"), |_| false),
            Path::new("x.md")
        );
    }
}
