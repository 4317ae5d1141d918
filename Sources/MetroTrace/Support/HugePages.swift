#if canImport(Glibc)
    import Glibc
#endif

/// Asks Linux to back a large buffer that has not been touched yet with 2 MiB pages, so
/// that filling it takes one page fault per 2 MiB instead of one per 4 KiB: loading a
/// national snapshot fills about a gigabyte of fresh columns, and with small pages the
/// kernel's fault handling cost as much as the copying. Elsewhere, and for buffers under
/// a few pages of that size, it does nothing.
enum HugePages {
    /// The size of a huge page on x86-64 and arm64 Linux.
    static let size = 2 << 20

    /// Advises the huge pages lying wholly inside `buffer`.
    static func advise(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
            guard let base = buffer.baseAddress, buffer.count >= 4 * size else { return }
            let address = UInt(bitPattern: base)
            let start = (address + UInt(size) - 1) & ~UInt(size - 1)
            let end = (address + UInt(buffer.count)) & ~UInt(size - 1)
            guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
            _ = madvise(pointer, Int(end - start), MADV_HUGEPAGE)
        #endif
    }
}
