//! The server's memory allocator: mimalloc, told to give freed memory back to the system
//! at once.
//!
//! glibc's per-thread arenas kept the server near its peak after every burst (500 phones
//! uploading at once). mimalloc returns freed pages, but by default (v3) only a second
//! after the fact, and only when the thread that freed them allocates again: a worker
//! thread that went idle after a burst kept tens of megabytes. Purging at once costs a
//! few `madvise` calls per burst and keeps the resident size near the working set.
//!
//! The allocator is declared in the library so that every binary running the server (the
//! `backend` command and the test suite's `backend-under-test`) measures the same thing.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc v3's `mi_option_e` (include/mimalloc.h of
/// libmimalloc-sys 0.1.49, which does not name it). Its default in v3 is 1 000 ms
/// (src/options.c); the test below checks that this index still reads that default.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Sets the allocator's options; called once when the process starts.
#[allow(unsafe_code)] // The only unsafe code of the workspace: one call into mimalloc.
pub fn configure() {
    // SAFETY: mi_option_set only stores a number in mimalloc's option table.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
}

#[cfg(test)]
#[allow(unsafe_code)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_documented() {
        // Nothing else in this test binary calls `configure`: the option still reads
        // v3's default, which no neighbouring option shares.
        let value = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(value, 1000, "option {PURGE_DELAY} is not the purge delay");
        configure();
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 0);
    }
}
