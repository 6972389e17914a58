//! How geokg asks glibc's allocator to keep a long run's footprint flat.
//!
//! RocksDB and the bulk loader allocate and free buffers of a few megabytes all through an
//! ingest. glibc serves a large request with its own mapping, but each time one is freed it
//! raises that threshold (up to 32 MB), so later buffers come from the heap arenas instead,
//! where freed space stays resident and fragments: a 500 MB ingest peaked 25% higher than a
//! 50 MB one for that alone.

/// Requests from this size up get their own mapping, returned to the system when freed.
const MMAP_THRESHOLD: i32 = 256 * 1024;

/// Fixes glibc's mmap threshold (which also stops it from moving). Call once, early.
pub fn fix_mmap_threshold() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator parameters; any value is valid for this one.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    }
}

/// Hands the memory a written batch freed back to the system. glibc keeps freed chunks of its
/// per-thread arenas resident, so without this a long ingest's footprint grows with its input
/// although what it holds does not.
pub fn release_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free heap pages to the kernel; it touches no live
    // allocation and is thread-safe.
    unsafe {
        libc::malloc_trim(0);
    }
}
