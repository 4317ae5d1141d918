/// Finding entities by id without a dictionary: their positions sorted by a 64-bit
/// FNV-1a hash of the id (stable across processes, so it can be saved in a snapshot),
/// looked up by binary search. A third of the memory of a `[String: Int32]` for
/// millions of ids, and built by sorting integers.
struct IDIndex: Sendable {
    private(set) var hashes: [UInt64]
    private(set) var positions: [Int32]

    /// Indexes `ids`, the interned id of each position.
    init(ids: [Int32], strings: StringTable) {
        var pairs = ids.enumerated().map { (hash: strings.hash(of: $0.element), position: Int32($0.offset)) }
        pairs.sort { ($0.hash, $0.position) < ($1.hash, $1.position) }
        hashes = pairs.map(\.hash)
        positions = pairs.map(\.position)
    }

    /// Restores a saved index.
    init(hashes: [UInt64], positions: [Int32]) {
        self.hashes = hashes
        self.positions = positions
    }

    /// The position whose id is `id`, if any.
    ///
    /// - Complexity: O(log n).
    func find(_ id: String, idAt: (Int32) -> String) -> Int32? {
        let hash = Self.hash(id)
        var low = firstPosition(in: 0..<hashes.count) { hashes[$0] >= hash }
        while low < hashes.count, hashes[low] == hash {
            if idAt(positions[low]) == id { return positions[low] }
            low += 1
        }
        return nil
    }

    /// 64-bit FNV-1a of the UTF-8 bytes.
    static func hash(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { hash($0) }
    }

    /// 64-bit FNV-1a of `bytes` (the UTF-8 of an id, as a snapshot stores it).
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
