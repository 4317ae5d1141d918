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

/// Reading a snapshot's sections back, checking each tag and length.
struct SnapshotReader {
    let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0
    /// Told the ranges of `bytes` already copied out, a few megabytes at a time.
    private let release: (Range<Int>) -> Void
    private var released = 0

    init(_ bytes: UnsafeRawBufferPointer, release: @escaping (Range<Int>) -> Void = { _ in }) {
        self.bytes = bytes
        self.release = release
    }

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
            UnsafeMutableRawBufferPointer(buffer).copyMemory(
                from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + Int(count) * size]))
            initialized = Int(count)
        }
        offset += Int(count) * size
        if offset - released >= Self.releaseInterval {
            release(released..<offset)
            released = offset
        }
        return values
    }

    /// How many bytes are copied out between two releases.
    static let releaseInterval = 16 << 20

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
        let ends = try column(name, UInt64.self)
        let blob = try column(name, UInt8.self)
        var start = 0
        var texts: [String] = []
        texts.reserveCapacity(ends.count)
        try blob.withUnsafeBufferPointer { pointer throws(SnapshotError) in
            for end in ends {
                guard end >= UInt64(start), end <= UInt64(pointer.count) else {
                    throw SnapshotError("snapshot is malformed: string offsets out of order in \(name)")
                }
                texts.append(String(decoding: UnsafeBufferPointer(rebasing: pointer[start..<Int(end)]), as: UTF8.self))
                start = Int(end)
            }
        }
        return texts
    }

    mutating func day() throws(SnapshotError) -> Day? {
        let ordinal = try raw(Int32.self)
        return ordinal == Int32.min ? nil : Day(ordinal: ordinal)
    }
}
