#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file's bytes in memory that do not move, so that what is read from them can point
/// into them while it is read (the keys and values of a JSON document, the columns of a
/// snapshot): a file mapped read-only (no copy, and its pages belong to the page cache),
/// or bytes copied once.
public final class MappedBytes: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    private let mapped: Bool

    /// Copies bytes.
    public init(copying bytes: some Collection<UInt8>) {
        let allocation = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        let (_, count) = allocation.initialize(from: bytes)
        buffer = UnsafeMutableBufferPointer(rebasing: allocation[0..<count])
        mapped = false
    }

    /// Maps a file read-only.
    /// - Throws: a message saying why the file cannot be read.
    public init(mapping path: String) throws(MappedBytesError) {
        let handle: RegularFile.Handle
        do throws(RegularFile.Failure) {
            handle = try RegularFile.open(path)
        } catch {
            throw MappedBytesError(message: error.message)
        }
        defer { handle.close() }
        let descriptor = handle.descriptor
        let size = handle.size
        if size == 0 {
            let allocation = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1)
            buffer = UnsafeMutableBufferPointer(rebasing: allocation[0..<0])
            mapped = false
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw MappedBytesError(message: "cannot map the file: \(String(cString: strerror(errno)))")
        }
        madvise(address, size, MADV_SEQUENTIAL)
        buffer = UnsafeMutableBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: size)
        mapped = true
    }

    /// The bytes.
    public var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(buffer) }

    /// Whether the bytes are a mapped file.
    var isMapped: Bool { mapped }

    /// Lets the system drop the mapped pages wholly inside `range` from this process's
    /// memory (they stay in the page cache, and come back if read again).
    func release(_ range: Range<Int>) {
        let page = 1 << 16
        let start = (range.lowerBound + page - 1) / page * page
        let end = range.upperBound / page * page
        guard mapped, end > start else { return }
        madvise(UnsafeMutableRawPointer(buffer.baseAddress! + start), end - start, MADV_DONTNEED)
    }

    deinit {
        if mapped {
            munmap(buffer.baseAddress, buffer.count)
        } else {
            UnsafeMutableBufferPointer(start: buffer.baseAddress, count: 1).deallocate()
        }
    }
}

/// Why a file could not be mapped.
public struct MappedBytesError: Error, Sendable {
    public var message: String
}
