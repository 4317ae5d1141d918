/// Interned strings: each distinct string is stored once and named by an `Int32`.
struct StringTable: Sendable {
    private(set) var strings: [String] = []
    private var indices: [String: Int32] = [:]

    /// The index of `string`, adding it when new.
    mutating func intern(_ string: String) -> Int32 {
        if let index = indices[string] { return index }
        let index = Int32(strings.count)
        strings.append(string)
        indices[string] = index
        return index
    }

    /// Adds a string known to be new (restoring a saved table).
    mutating func append(_ string: String) { strings.append(string) }

    /// The index of an optional string, or -1 for nil.
    mutating func intern(_ string: String?) -> Int32 {
        guard let string else { return -1 }
        return intern(string)
    }

    subscript(index: Int32) -> String { strings[Int(index)] }

    /// Makes room for `count` strings.
    mutating func reserveCapacity(_ count: Int) {
        strings.reserveCapacity(count)
        indices.reserveCapacity(count)
    }

    /// The string at `index`, or nil for -1.
    func optional(_ index: Int32) -> String? { index < 0 ? nil : strings[Int(index)] }

    /// Drops the lookup dictionary once no more strings will be added.
    mutating func freeze() { indices = [:] }
}
