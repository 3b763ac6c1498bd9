//! Files termly writes: created readable and writable by their owner only (0600), because
//! minutes, backups and logs name schools and people.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Create (or truncate) `path` as an owner-only file, making its folder if needed. An
/// existing file with looser permissions is tightened first.
pub fn create_private(path: &Path) -> io::Result<File> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        if path.exists() {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        }
    }
    options.open(path)
}

/// Write `bytes` to `path` through a private temporary file and a rename, so a reader never
/// sees half a file and the file is never, even briefly, readable by others.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = partial_path(path);
    let mut file = create_private(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&tmp, path)
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    path.with_file_name(name)
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
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 2, "no partial file is left behind");
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
