//! The heap allocator of both binaries: every block is zeroed as it is freed (and when a
//! reallocation moves it), so a secret that a library copied and dropped without wiping does not
//! linger in freed memory. age's stream writer, for one, keeps the plaintext it encrypts (the
//! raw key, when a key file is written) in a 64 KiB buffer it frees as it is. SQLCipher does the
//! same for SQLite's own memory (`cipher_memory_security`). The cost is one pass over each block
//! as it is freed.

use std::alloc::{GlobalAlloc, Layout, System};

pub struct WipeOnFree;

/// Zeroes `len` bytes at `ptr` in a way the compiler may not drop as a dead store before `free`.
///
/// # Safety
/// `ptr` must be valid for writes of `len` bytes.
pub unsafe fn wipe(ptr: *mut u8, len: usize) {
    // SAFETY: the caller's promise.
    unsafe { std::ptr::write_bytes(ptr, 0, len) };
    // The block is about to be freed: keep the optimiser from removing the zeroing.
    std::hint::black_box(ptr);
    std::sync::atomic::compiler_fence(std::sync::atomic::Ordering::SeqCst);
}

// SAFETY: every call is passed on to the system allocator with the same layout; blocks are only
// written (zeroed) while still owned.
unsafe impl GlobalAlloc for WipeOnFree {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe {
            wipe(ptr, layout.size());
            System.dealloc(ptr, layout)
        }
    }
    /// Always a new block: the system's realloc may move the data and free the old block unwiped.
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        unsafe {
            let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
            let new = System.alloc(new_layout);
            if !new.is_null() {
                std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            new
        }
    }
}
