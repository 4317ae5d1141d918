/// XXH64, the 64-bit xxHash (Yann Collet's specification): a fast checksum for detecting
/// corrupted snapshots (not a cryptographic hash).
public enum XXHash64 {
    static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    @inline(__always) static func rotate(_ x: UInt64, _ r: UInt64) -> UInt64 { x << r | x >> (64 - r) }

    @inline(__always) static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
        rotate(accumulator &+ input &* prime2, 31) &* prime1
    }

    @inline(__always) static func merge(_ accumulator: UInt64, _ value: UInt64) -> UInt64 {
        (accumulator ^ round(0, value)) &* prime1 &+ prime4
    }

    /// The hash of `bytes` with `seed`.
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        var hasher = Incremental(bytes, seed: seed)
        return hasher.finish()
    }

    /// The hash of one buffer worked out as the buffer is read, so that a large mapped
    /// file is read once, not once for its checksum and again for its content: the reader
    /// calls ``consume(through:)`` before it reads up to a place, and ``finish()`` at the
    /// end. The digest is ``XXHash64/hash(_:seed:)``'s, however the buffer was consumed.
    struct Incremental {
        let bytes: UnsafeRawBufferPointer
        private let seed: UInt64
        private var v1, v2, v3, v4: UInt64
        /// Where the next 32-byte stripe starts.
        private(set) var hashed = 0

        init(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) {
            self.bytes = bytes
            self.seed = seed
            v1 = seed &+ XXHash64.prime1 &+ XXHash64.prime2
            v2 = seed &+ XXHash64.prime2
            v3 = seed
            v4 = seed &- XXHash64.prime1
        }

        @inline(__always) private func word64(_ at: Int) -> UInt64 {
            UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
        }

        /// Hashes every whole stripe that ends at or before `end` (at most the count).
        mutating func consume(through end: Int) {
            let end = min(end, bytes.count)
            guard hashed + 32 <= end else { return }
            var (a, b, c, d) = (v1, v2, v3, v4)
            var offset = hashed
            while offset + 32 <= end {
                a = XXHash64.round(a, word64(offset))
                b = XXHash64.round(b, word64(offset + 8))
                c = XXHash64.round(c, word64(offset + 16))
                d = XXHash64.round(d, word64(offset + 24))
                offset += 32
            }
            (v1, v2, v3, v4) = (a, b, c, d)
            hashed = offset
        }

        /// Hashes the rest of the buffer and gives the digest.
        mutating func finish() -> UInt64 {
            let count = bytes.count
            consume(through: count)
            var hash: UInt64
            if count >= 32 {
                hash = rotate(v1, 1) &+ rotate(v2, 7) &+ rotate(v3, 12) &+ rotate(v4, 18)
                hash = merge(hash, v1)
                hash = merge(hash, v2)
                hash = merge(hash, v3)
                hash = merge(hash, v4)
            } else {
                hash = seed &+ prime5
            }
            hash = hash &+ UInt64(count)
            var offset = hashed
            while offset + 8 <= count {
                hash ^= round(0, word64(offset))
                hash = rotate(hash, 27) &* prime1 &+ prime4
                offset += 8
            }
            if offset + 4 <= count {
                let word = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
                hash ^= word &* prime1
                hash = rotate(hash, 23) &* prime2 &+ prime3
                offset += 4
            }
            while offset < count {
                hash ^= UInt64(bytes[offset]) &* prime5
                hash = rotate(hash, 11) &* prime1
                offset += 1
            }
            hash ^= hash >> 33
            hash = hash &* prime2
            hash ^= hash >> 29
            hash = hash &* prime3
            hash ^= hash >> 32
            return hash
        }
    }
}
