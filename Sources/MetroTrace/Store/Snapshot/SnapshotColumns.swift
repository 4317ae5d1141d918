/// Writing a snapshot's sections: each a 4-byte tag, a count and the raw column.
struct SnapshotWriter {
    private(set) var bytes: [UInt8] = []

    mutating func raw<T: BitwiseCopyable>(_ value: T) {
        withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ more: [UInt8]) { bytes.append(contentsOf: more) }

    mutating func tag(_ name: StaticString) {
        precondition(name.utf8CodeUnitCount == 4, "section tags have four bytes")
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A column of plain values.
    mutating func column<T: BitwiseCopyable>(_ name: StaticString, _ values: [T]) {
        tag(name)
        raw(UInt64(values.count))
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ text: String) {
        raw(UInt64(text.utf8.count))
        bytes.append(contentsOf: text.utf8)
    }

    mutating func optionalString(_ text: String?) {
        raw(UInt8(text == nil ? 0 : 1))
        if let text { string(text) }
    }

    /// Many strings as one UTF-8 blob and their end offsets.
    mutating func strings(_ name: StaticString, _ texts: [String]) {
        var blob: [UInt8] = []
        var ends: [UInt64] = []
        ends.reserveCapacity(texts.count)
        for text in texts {
            blob.append(contentsOf: text.utf8)
            ends.append(UInt64(blob.count))
        }
        column(name, ends)
        column(name, blob)
    }

    mutating func day(_ day: Day?) { raw(day?.ordinal ?? Int32.min) }
}

/// Why a snapshot cannot be read.
public struct SnapshotError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong with it.
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// Reading a snapshot's sections back, checking each tag and length, and working out the
/// checksum of the bytes as it copies them (``checksum()``), so that a mapped file is
/// read once.
struct SnapshotReader {
    let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0
    /// Told the ranges of `bytes` already copied out, a few megabytes at a time.
    private let release: (Range<Int>) -> Void
    private var released = 0
    private var hasher: XXHash64.Incremental

    init(_ bytes: UnsafeRawBufferPointer, release: @escaping (Range<Int>) -> Void = { _ in }) {
        self.bytes = bytes
        self.release = release
        hasher = XXHash64.Incremental(bytes)
    }

    /// The XXH64 of all of `bytes`, read or not (what is left is hashed now).
    mutating func checksum() -> UInt64 { hasher.finish() }

    var atEnd: Bool { offset == bytes.count }

    mutating func raw<T: BitwiseCopyable>(_ type: T.Type) throws(SnapshotError) -> T {
        let size = MemoryLayout<T>.size
        guard offset + size <= bytes.count else { throw SnapshotError("snapshot is truncated") }
        defer { offset += size }
        return bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
    }

    mutating func tag(_ name: StaticString) throws(SnapshotError) {
        guard offset + 4 <= bytes.count else { throw SnapshotError("snapshot is truncated") }
        let matches = name.withUTF8Buffer { expected in
            (0..<4).allSatisfy { bytes[offset + $0] == expected[$0] }
        }
        guard matches else {
            throw SnapshotError("snapshot is malformed: section \(name) expected at byte \(offset)")
        }
        offset += 4
    }

    mutating func column<T: BitwiseCopyable>(_ name: StaticString, _ type: T.Type) throws(SnapshotError) -> [T] {
        try tag(name)
        let count = try raw(UInt64.self)
        let size = MemoryLayout<T>.stride
        guard count <= UInt64(bytes.count - offset) / UInt64(max(size, 1)) else {
            throw SnapshotError("snapshot is truncated in section \(name)")
        }
        let values = [T](unsafeUninitializedCapacity: Int(count)) { buffer, initialized in
            // A piece at a time, hashed just before it is copied, while it is in the cache.
            let destination = UnsafeMutableRawBufferPointer(buffer)
            let length = Int(count) * size
            HugePages.advise(UnsafeMutableRawBufferPointer(rebasing: destination[0..<length]))
            var done = 0
            while done < length {
                let piece = min(length - done, Self.pieceSize)
                hasher.consume(through: offset + done + piece)
                UnsafeMutableRawBufferPointer(rebasing: destination[done..<done + piece]).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: bytes[offset + done..<offset + done + piece]))
                done += piece
            }
            initialized = Int(count)
        }
        offset += Int(count) * size
        if offset - released >= Self.releaseInterval {
            release(released..<offset)
            released = offset
        }
        return values
    }

    /// A column read in place, for a reader that turns its values into something else
    /// (rows of several columns, enumeration cases, optional days) and would otherwise
    /// copy it only to read the copy once. Valid until the next column is copied out.
    mutating func view<T: BitwiseCopyable>(_ name: StaticString, _ type: T.Type) throws(SnapshotError)
        -> SnapshotColumnView<T>
    {
        try tag(name)
        let count = try raw(UInt64.self)
        let size = MemoryLayout<T>.stride
        guard count <= UInt64(bytes.count - offset) / UInt64(max(size, 1)) else {
            throw SnapshotError("snapshot is truncated in section \(name)")
        }
        let start = offset
        offset += Int(count) * size
        hasher.consume(through: offset)
        return SnapshotColumnView(bytes: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]), count: Int(count))
    }

    /// How many bytes are copied out between two releases.
    static let releaseInterval = 16 << 20
    /// How many bytes are hashed and then copied at a time.
    private static let pieceSize = 256 << 10

    mutating func string() throws(SnapshotError) -> String {
        let count = try raw(UInt64.self)
        guard count <= UInt64(bytes.count - offset) else { throw SnapshotError("snapshot is truncated") }
        defer { offset += Int(count) }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + Int(count)]), as: UTF8.self)
    }

    mutating func optionalString() throws(SnapshotError) -> String? {
        try raw(UInt8.self) == 0 ? nil : try string()
    }

    mutating func strings(_ name: StaticString) throws(SnapshotError) -> [String] {
        try strings(name, hashing: false).texts
    }

    /// Strings written by ``SnapshotWriter/strings(_:_:)``, with their id hashes
    /// (``IDIndex/hash(_:)-(UnsafeBufferPointer<UInt8>)``) worked out from the bytes
    /// as they are decoded when `hashing`.
    mutating func strings(_ name: StaticString, hashing: Bool) throws(SnapshotError) -> (
        texts: [String], hashes: [UInt64]
    ) {
        let ends = try column(name, UInt64.self)
        let blob = try column(name, UInt8.self)
        var start = 0
        var texts: [String] = []
        var hashes: [UInt64] = []
        texts.reserveCapacity(ends.count)
        if hashing { hashes.reserveCapacity(ends.count) }
        try blob.withUnsafeBufferPointer { pointer throws(SnapshotError) in
            for end in ends {
                guard end >= UInt64(start), end <= UInt64(pointer.count) else {
                    throw SnapshotError("snapshot is malformed: string offsets out of order in \(name)")
                }
                let bytes = UnsafeBufferPointer(rebasing: pointer[start..<Int(end)])
                texts.append(String(decoding: bytes, as: UTF8.self))
                if hashing { hashes.append(IDIndex.hash(bytes)) }
                start = Int(end)
            }
        }
        return (texts, hashes)
    }

    mutating func day() throws(SnapshotError) -> Day? {
        let ordinal = try raw(Int32.self)
        return ordinal == Int32.min ? nil : Day(ordinal: ordinal)
    }
}

/// A column of a snapshot read where it lies (``SnapshotReader/view(_:_:)``).
struct SnapshotColumnView<T: BitwiseCopyable> {
    let bytes: UnsafeRawBufferPointer
    let count: Int

    subscript(index: Int) -> T {
        precondition(index >= 0 && index < count, "index out of the column")
        return bytes.loadUnaligned(fromByteOffset: index * MemoryLayout<T>.stride, as: T.self)
    }

    /// Each value turned into another, in order.
    func map<U, E: Error>(_ transform: (T) throws(E) -> U) throws(E) -> [U] {
        try [U](unsafeUninitializedCapacity: count) { buffer, initialized throws(E) in
            HugePages.advise(UnsafeMutableRawBufferPointer(buffer))
            for index in 0..<count {
                (buffer.baseAddress! + index).initialize(to: try transform(self[index]))
                initialized = index + 1
            }
        }
    }
}
