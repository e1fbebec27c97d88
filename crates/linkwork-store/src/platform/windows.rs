//! Windows: owner-only ACLs, `MoveFileExW` with write-through, Windows Error Reporting.
//!
//! A private file or folder gets a DACL with one entry, full control for the user running
//! Linkwork, marked protected so nothing is inherited from the folders above (a practice laptop's
//! profile folders often let IT's groups in). Folders pass that one entry on to what is made in
//! them, so SQLite's own journal files are private too.

use std::{
    ffi::OsStr,
    fs::File,
    io,
    os::windows::{ffi::OsStrExt, io::FromRawHandle},
    path::{Path, PathBuf},
    ptr,
    sync::OnceLock,
};
use windows_sys::Win32::{
    Foundation::{CloseHandle, LocalFree, ERROR_SUCCESS, HANDLE, INVALID_HANDLE_VALUE},
    Security::{
        Authorization::{
            ConvertSecurityDescriptorToStringSecurityDescriptorW, ConvertSidToStringSidW,
            ConvertStringSecurityDescriptorToSecurityDescriptorW, GetNamedSecurityInfoW,
            SDDL_REVISION_1, SE_FILE_OBJECT,
        },
        GetTokenInformation, SetFileSecurityW, TokenUser, DACL_SECURITY_INFORMATION,
        PROTECTED_DACL_SECURITY_INFORMATION, PSECURITY_DESCRIPTOR, SECURITY_ATTRIBUTES,
        TOKEN_QUERY, TOKEN_USER,
    },
    Storage::FileSystem::{
        CreateDirectoryW, CreateFileW, MoveFileExW, CREATE_NEW, FILE_ATTRIBUTE_NORMAL,
        FILE_GENERIC_READ, FILE_GENERIC_WRITE, FILE_SHARE_DELETE, FILE_SHARE_READ,
        FILE_SHARE_WRITE, MOVEFILE_REPLACE_EXISTING, MOVEFILE_WRITE_THROUGH, OPEN_ALWAYS,
    },
    System::{
        Diagnostics::Debug::{
            GetErrorMode, SetErrorMode, SEM_FAILCRITICALERRORS, SEM_NOGPFAULTERRORBOX,
            SEM_NOOPENFILEERRORBOX,
        },
        ErrorReporting::{WerAddExcludedApplication, WerSetFlags, WER_FAULT_REPORTING_FLAG_NOHEAP},
        Registry::{
            RegCloseKey, RegEnumKeyExW, RegGetValueW, RegOpenKeyExW, HKEY, HKEY_CURRENT_USER,
            KEY_READ, RRF_RT_REG_DWORD, RRF_RT_REG_SZ,
        },
        Threading::{GetCurrentProcess, OpenProcessToken},
    },
};

/// `path` as a NUL-terminated wide string; absolute paths of any length get the `\\?\` form,
/// which lifts the 260-character limit on every call below.
pub(crate) fn wide(path: &Path) -> Vec<u16> {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let s = abs.as_os_str();
    let text = s.to_string_lossy();
    let as_is = [r"\\?\", r"\\.\"].iter().any(|p| text.starts_with(p));
    let mut out: Vec<u16> = if as_is || !abs.is_absolute() {
        s.encode_wide().collect()
    } else if let Some(share) = text.strip_prefix(r"\\") {
        OsStr::new(r"\\?\UNC\")
            .encode_wide()
            .chain(OsStr::new(share).encode_wide())
            .collect()
    } else {
        OsStr::new(r"\\?\")
            .encode_wide()
            .chain(s.encode_wide())
            .collect()
    };
    out.push(0);
    out
}

fn wide_str(s: &str) -> Vec<u16> {
    OsStr::new(s).encode_wide().chain(Some(0)).collect()
}

/// A string Windows allocated with `LocalAlloc`, read and freed.
///
/// # Safety
/// `p` is null or a NUL-terminated wide string to be freed with `LocalFree`.
unsafe fn take_local_string(p: *mut u16) -> String {
    if p.is_null() {
        return String::new();
    }
    let mut len = 0;
    // SAFETY: the caller's promise of a terminated string.
    while unsafe { *p.add(len) } != 0 {
        len += 1;
    }
    // SAFETY: `len` elements were just read.
    let s = String::from_utf16_lossy(unsafe { std::slice::from_raw_parts(p, len) });
    // SAFETY: allocated by the system with LocalAlloc.
    unsafe { LocalFree(p.cast()) };
    s
}

/// The SID of the user this process runs as, in its `S-1-5-…` form.
pub fn current_user_sid() -> io::Result<&'static str> {
    static SID: OnceLock<String> = OnceLock::new();
    if let Some(s) = SID.get() {
        return Ok(s);
    }
    let mut token: HANDLE = ptr::null_mut();
    // SAFETY: a valid out-pointer; the pseudo-handle needs no closing.
    if unsafe { OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut token) } == 0 {
        return Err(io::Error::last_os_error());
    }
    let mut len = 0u32;
    // SAFETY: asks only for the size.
    unsafe { GetTokenInformation(token, TokenUser, ptr::null_mut(), 0, &mut len) };
    let mut buf = vec![0u64; (len as usize).div_ceil(8).max(1)];
    // SAFETY: the buffer is at least `len` bytes and 8-aligned, as TOKEN_USER needs.
    let ok =
        unsafe { GetTokenInformation(token, TokenUser, buf.as_mut_ptr().cast(), len, &mut len) };
    let err = io::Error::last_os_error();
    // SAFETY: a handle this function opened.
    unsafe { CloseHandle(token) };
    if ok == 0 {
        return Err(err);
    }
    // SAFETY: filled in by GetTokenInformation above.
    let user = unsafe { &*(buf.as_ptr() as *const TOKEN_USER) };
    let mut text = ptr::null_mut();
    // SAFETY: the SID points into `buf`, alive here.
    if unsafe { ConvertSidToStringSidW(user.User.Sid, &mut text) } == 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: allocated by ConvertSidToStringSidW.
    let sid = unsafe { take_local_string(text) };
    Ok(SID.get_or_init(|| sid))
}

/// A security descriptor made from SDDL, freed when dropped.
struct Descriptor(PSECURITY_DESCRIPTOR);

impl Drop for Descriptor {
    fn drop(&mut self) {
        // SAFETY: allocated by ConvertStringSecurityDescriptorToSecurityDescriptorW.
        unsafe { LocalFree(self.0) };
    }
}

impl Descriptor {
    /// Owner-only, protected: full control for this user and no one else. A folder's entry is
    /// inherited by the files and folders made in it.
    fn owner_only(folder: bool) -> io::Result<Self> {
        let inherit = if folder { "OICI" } else { "" };
        let sddl = format!("D:P(A;{inherit};FA;;;{})", current_user_sid()?);
        let mut sd = ptr::null_mut();
        // SAFETY: a terminated string and a valid out-pointer.
        let ok = unsafe {
            ConvertStringSecurityDescriptorToSecurityDescriptorW(
                wide_str(&sddl).as_ptr(),
                SDDL_REVISION_1,
                &mut sd,
                ptr::null_mut(),
            )
        };
        if ok == 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(Self(sd))
    }

    fn attributes(&self) -> SECURITY_ATTRIBUTES {
        SECURITY_ATTRIBUTES {
            nLength: size_of::<SECURITY_ATTRIBUTES>() as u32,
            lpSecurityDescriptor: self.0,
            bInheritHandle: 0,
        }
    }
}

fn create_file(path: &Path, disposition: u32, sd: &Descriptor) -> io::Result<File> {
    let sa = sd.attributes();
    // SAFETY: a terminated path and attributes that outlive the call. Others may share the file
    // as std's own files do (delete sharing lets it be renamed over).
    let h = unsafe {
        CreateFileW(
            wide(path).as_ptr(),
            FILE_GENERIC_READ | FILE_GENERIC_WRITE,
            FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
            &sa,
            disposition,
            FILE_ATTRIBUTE_NORMAL,
            ptr::null_mut(),
        )
    };
    if h == INVALID_HANDLE_VALUE {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: a handle this call opened and nothing else owns.
    Ok(unsafe { File::from_raw_handle(h) })
}

/// A new file (never an existing one) readable by its owner only from the moment it exists.
pub(crate) fn create_private(path: &Path) -> io::Result<File> {
    create_file(path, CREATE_NEW, &Descriptor::owner_only(false)?)
}

/// A new folder (its parent must exist) that only its owner can open.
pub(crate) fn create_private_dir(path: &Path) -> io::Result<()> {
    let sd = Descriptor::owner_only(true)?;
    let sa = sd.attributes();
    // SAFETY: as in create_file.
    if unsafe { CreateDirectoryW(wide(path).as_ptr(), &sa) } == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Opens (creating if need be) a file that only its owner can read: the instance lock.
pub(crate) fn open_private(path: &Path) -> io::Result<File> {
    let file = create_file(path, OPEN_ALWAYS, &Descriptor::owner_only(false)?)?;
    tighten(path)?;
    Ok(file)
}

/// Gives an existing file or folder the owner-only, protected ACL, when it has anything else.
pub fn tighten(path: &Path) -> io::Result<()> {
    if not_private(path)?.is_none() {
        return Ok(());
    }
    let sd = Descriptor::owner_only(path.is_dir())?;
    // SAFETY: a terminated path and a descriptor alive for the call.
    let ok = unsafe {
        SetFileSecurityW(
            wide(path).as_ptr(),
            DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
            sd.0,
        )
    };
    if ok == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// The DACL of `path` as SDDL, such as `D:P(A;;FA;;;S-1-5-21-…)`.
pub fn access_sddl(path: &Path) -> io::Result<String> {
    let mut dacl = ptr::null_mut();
    let mut sd = ptr::null_mut();
    // SAFETY: a terminated path and valid out-pointers; `sd` is freed below.
    let err = unsafe {
        GetNamedSecurityInfoW(
            wide(path).as_ptr(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION,
            ptr::null_mut(),
            ptr::null_mut(),
            &mut dacl,
            ptr::null_mut(),
            &mut sd,
        )
    };
    if err != ERROR_SUCCESS {
        return Err(io::Error::from_raw_os_error(err as i32));
    }
    let sd = Descriptor(sd);
    let mut text = ptr::null_mut();
    // SAFETY: a descriptor from GetNamedSecurityInfoW and an out-pointer.
    let ok = unsafe {
        ConvertSecurityDescriptorToStringSecurityDescriptorW(
            sd.0,
            SDDL_REVISION_1,
            DACL_SECURITY_INFORMATION,
            &mut text,
            ptr::null_mut(),
        )
    };
    if ok == 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: allocated by the conversion above.
    Ok(unsafe { take_local_string(text) })
}

/// `None` when only the owner can open `path`: every entry of its DACL allows this user, or
/// the system itself (SYSTEM, which reads every file anyway, as OpenSSH's key check also
/// accepts). Otherwise the DACL, to say what is wrong. What was inherited counts: the DACL read
/// back is the effective one.
pub fn not_private(path: &Path) -> io::Result<Option<String>> {
    let sddl = access_sddl(path)?;
    Ok(
        (!owner_only_sddl(&sddl, current_user_sid()?))
            .then(|| format!("its access list is {sddl}")),
    )
}

/// Whether a DACL in SDDL grants only `sid` (and SYSTEM); a deny entry takes nothing away.
pub(crate) fn owner_only_sddl(sddl: &str, sid: &str) -> bool {
    let Some(dacl) = sddl.strip_prefix("D:") else {
        return false;
    };
    let aces: Vec<&str> = dacl[dacl.find('(').unwrap_or(dacl.len())..]
        .split(['(', ')'])
        .filter(|a| !a.is_empty())
        .collect();
    !aces.is_empty()
        && aces.iter().all(|ace| {
            let f: Vec<&str> = ace.split(';').collect();
            f.len() == 6 && (f[0] == "D" || (f[0] == "A" && (f[5] == sid || f[5] == "SY")))
        })
}

/// Whether this is Wine, which keeps a file's access list as Unix permission bits: it cannot
/// store the "protected" mark, and always lists SYSTEM. The tests say what they can check there.
pub fn under_wine() -> bool {
    use windows_sys::Win32::System::LibraryLoader::{GetModuleHandleW, GetProcAddress};
    // SAFETY: a terminated module name and a terminated procedure name.
    unsafe {
        let ntdll = GetModuleHandleW(wide_str("ntdll.dll").as_ptr());
        !ntdll.is_null() && GetProcAddress(ntdll, c"wine_get_version".as_ptr().cast()).is_some()
    }
}

/// Moves `from` over `to`, replacing it in one step (`MoveFileExW` with replace), and returns
/// only once the move has reached the disk (write-through).
pub(crate) fn replace(from: &Path, to: &Path) -> io::Result<()> {
    move_file(from, to, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)
}

/// Moves `from` to `to` only if nothing is at `to` (`AlreadyExists` otherwise), write-through.
pub(crate) fn move_new(from: &Path, to: &Path) -> io::Result<()> {
    move_file(from, to, MOVEFILE_WRITE_THROUGH)
}

fn move_file(from: &Path, to: &Path, flags: u32) -> io::Result<()> {
    // SAFETY: two terminated paths.
    if unsafe { MoveFileExW(wide(from).as_ptr(), wide(to).as_ptr(), flags) } == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Nothing to do: a folder cannot be opened as a file here, and every move is write-through.
pub(crate) fn sync_dir(_: &Path) {}

/// No crash dump of this process: Windows Error Reporting is told to leave this program out
/// (for this user; no administrator needed), and the fault dialog, which would hold the process
/// while a dump is taken, is turned off. Whether both took effect.
pub fn no_core_dumps() -> bool {
    let wanted = SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX;
    // SAFETY: plain calls with plain values.
    unsafe { SetErrorMode(GetErrorMode() | wanted) };
    // SAFETY: as above.
    let mode_set = unsafe { GetErrorMode() } & wanted == wanted;
    // Should a dump be taken all the same, it leaves the heap out (not needed for the answer).
    // SAFETY: a plain call.
    unsafe { WerSetFlags(WER_FAULT_REPORTING_FLAG_NOHEAP) };
    let excluded = exe_name().is_some_and(|name| {
        // SAFETY: a terminated string.
        (unsafe { WerAddExcludedApplication(wide_str(&name).as_ptr(), 0) }) >= 0
    });
    mode_set && excluded
}

/// This program's file name (`linkwork.exe`), as Windows Error Reporting keys its exclusions.
pub fn exe_name() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.file_name()?.to_string_lossy().into_owned())
}

/// Whether Windows Error Reporting leaves `exe` out for this user: the registry value
/// `WerAddExcludedApplication` writes (where Windows keeps it, or where Wine does).
pub fn excluded_from_error_reporting(exe: &str) -> bool {
    [
        r"Software\Microsoft\Windows\Windows Error Reporting\ExcludedApplications",
        r"Software\Microsoft\Windows Error Reporting\ExcludedApplications",
    ]
    .iter()
    .any(|key| {
        let mut value = 0u32;
        let mut size = size_of::<u32>() as u32;
        // SAFETY: terminated strings and a 4-byte out-buffer whose size is passed.
        let err = unsafe {
            RegGetValueW(
                HKEY_CURRENT_USER,
                wide_str(key).as_ptr(),
                wide_str(exe).as_ptr(),
                RRF_RT_REG_DWORD,
                ptr::null_mut(),
                (&mut value as *mut u32).cast(),
                &mut size,
            )
        };
        err == ERROR_SUCCESS && value != 0
    })
}

/// The OneDrive folders of each account signed in on this machine for this user.
pub(crate) fn registry_synced_folders() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let accounts = wide_str(r"Software\Microsoft\OneDrive\Accounts");
    let mut key: HKEY = ptr::null_mut();
    // SAFETY: a terminated string and an out-pointer; the key is closed below.
    if unsafe { RegOpenKeyExW(HKEY_CURRENT_USER, accounts.as_ptr(), 0, KEY_READ, &mut key) }
        != ERROR_SUCCESS
    {
        return out;
    }
    for i in 0.. {
        let mut name = [0u16; 256];
        let mut len = name.len() as u32;
        // SAFETY: a buffer of `len` characters.
        let err = unsafe {
            RegEnumKeyExW(
                key,
                i,
                name.as_mut_ptr(),
                &mut len,
                ptr::null(),
                ptr::null_mut(),
                ptr::null_mut(),
                ptr::null_mut(),
            )
        };
        if err != ERROR_SUCCESS {
            break;
        }
        let mut folder = [0u16; 1024];
        let mut size = (folder.len() * 2) as u32;
        let value = wide_str("UserFolder");
        let mut sub: Vec<u16> = name[..len as usize].to_vec();
        sub.push(0);
        // SAFETY: terminated strings and a buffer whose size in bytes is passed.
        let err = unsafe {
            RegGetValueW(
                key,
                sub.as_ptr(),
                value.as_ptr(),
                RRF_RT_REG_SZ,
                ptr::null_mut(),
                folder.as_mut_ptr().cast(),
                &mut size,
            )
        };
        if err == ERROR_SUCCESS {
            let chars = (size as usize / 2).saturating_sub(1);
            let text = String::from_utf16_lossy(&folder[..chars]);
            if !text.is_empty() {
                out.push(PathBuf::from(text));
            }
        }
    }
    // SAFETY: opened above.
    unsafe { RegCloseKey(key) };
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_protected_list_for_the_user_alone_is_private() {
        let me = "S-1-5-21-1-2-3-1001";
        assert!(owner_only_sddl(&format!("D:P(A;;FA;;;{me})"), me));
        assert!(owner_only_sddl(&format!("D:PAI(A;OICI;FA;;;{me})"), me));
        assert!(owner_only_sddl(
            &format!("D:(A;;FA;;;SY)(A;;FA;;;{me})"),
            me
        ));
        assert!(!owner_only_sddl(
            &format!("D:(A;;FA;;;{me})(A;;0x1200a9;;;WD)"),
            me
        ));
        assert!(
            !owner_only_sddl("D:P(A;;FA;;;S-1-5-21-1-2-3-1002)", me),
            "another user"
        );
        assert!(!owner_only_sddl(
            &format!("D:P(A;;FA;;;{me})(A;;FR;;;BU)"),
            me
        ));
        assert!(!owner_only_sddl(
            &format!("D:P(A;;FA;;;{me})(A;;FA;;;WD)"),
            me
        ));
        assert!(!owner_only_sddl("D:P", me), "no entry at all");
        assert!(!owner_only_sddl("D:NO_ACCESS_CONTROL", me));
        assert!(!owner_only_sddl("", me));
    }

    #[test]
    fn long_and_drive_paths_take_the_verbatim_form() {
        let w = |p: &str| String::from_utf16_lossy(&wide(Path::new(p))[..]);
        assert_eq!(
            w(r"C:\Users\Zoë O'Brien\x"),
            "\\\\?\\C:\\Users\\Zoë O'Brien\\x\0"
        );
        assert_eq!(w(r"\\server\share\x"), "\\\\?\\UNC\\server\\share\\x\0");
        assert_eq!(w(r"\\?\D:\x"), "\\\\?\\D:\\x\0");
        assert_eq!(w(r"\\.\pipe\x"), "\\\\.\\pipe\\x\0");
    }
}
