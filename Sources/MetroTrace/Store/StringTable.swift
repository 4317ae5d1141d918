/// Interned strings: each distinct string is stored once and named by an `Int32`.
///
/// Lookup is an open-addressing table keyed by the strings' FNV-1a hashes (one hash per
/// string, no `Hasher`), linearly probed and at most half full. Each slot holds the
/// string's position and the high half of its hash, so that a probe touches the text only
/// when the hashes agree: loading a national dataset interns millions of ids, and a
/// `[String: Int32]` spent more time hashing and missing the cache than the reader spent
/// parsing them.
struct StringTable: Sendable {
    private(set) var strings: [String] = []
    /// Per slot: hash bits 32–63 in the high half, position + 1 in the low half (0: empty).
    private var slots: [UInt64] = []
    /// The hash of each interned string, so that growing the table and indexing ids
    /// (``IDIndex``) never hash a string twice.
    private var hashes: [UInt64] = []

    /// The index of `string`, adding it when new.
    mutating func intern(_ string: String) -> Int32 {
        if slots.isEmpty { regrow(to: 1024) }
        let hash = IDIndex.hash(string)
        let tag = hash >> 32
        let mask = slots.count - 1
        var slot = Self.start(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if entry >> 32 == tag {
                let index = Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if strings[Int(index)] == string { return index }
            }
            slot = (slot + 1) & mask
        }
        let index = Int32(strings.count)
        strings.append(string)
        hashes.append(hash)
        slots[slot] = tag << 32 | UInt64(index + 1)
        if strings.count * 2 > slots.count { regrow(to: slots.count * 2) }
        return index
    }

    /// The first slot to probe: the hash folded so that its high bits count too.
    private static func start(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash ^ (hash >> 29)) }

    /// Rebuilds the table with `size` slots (a power of two).
    private mutating func regrow(to size: Int) {
        slots = [UInt64](repeating: 0, count: size)
        let mask = size - 1
        for index in strings.indices {
            let hash = self.hash(of: Int32(index))
            var slot = Self.start(hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = (hash >> 32) << 32 | UInt64(index + 1)
        }
    }

    /// An empty table.
    init() {}

    /// Restores a saved table, which is not interned into afterwards, with the hash of
    /// each string (``IDIndex/hash(_:)-(String)``), kept for checking the saved id indexes
    /// until ``freeze()``.
    init(restoring strings: [String], hashes: [UInt64]) {
        precondition(strings.count == hashes.count, "one hash per string")
        self.strings = strings
        self.hashes = hashes
    }

    /// The strings' hashes, kept until ``freeze()`` (for a restored table) or while
    /// strings are interned: empty afterwards.
    var hashesUntilFrozen: [UInt64] { hashes }

    /// The index of an optional string, or -1 for nil.
    mutating func intern(_ string: String?) -> Int32 {
        guard let string else { return -1 }
        return intern(string)
    }

    subscript(index: Int32) -> String { strings[Int(index)] }

    /// ``IDIndex/hash(_:)`` of the string at `index`.
    func hash(of index: Int32) -> UInt64 {
        Int(index) < hashes.count ? hashes[Int(index)] : IDIndex.hash(strings[Int(index)])
    }

    /// Makes room for `count` strings.
    mutating func reserveCapacity(_ count: Int) {
        strings.reserveCapacity(count)
        hashes.reserveCapacity(count)
        var size = max(slots.count, 1024)
        while size < count * 2 { size *= 2 }
        if size > slots.count { regrow(to: size) }
    }

    /// The string at `index`, or nil for -1.
    func optional(_ index: Int32) -> String? { index < 0 ? nil : strings[Int(index)] }

    /// Drops the lookup table once no more strings will be added.
    mutating func freeze() {
        slots = []
        hashes = []
    }
}
