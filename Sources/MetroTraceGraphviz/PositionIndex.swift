/// The positions of keys in a list that is usually short: a linear search while there
/// are few (cheaper than hashing for the dozen nodes of a chain), a dictionary once there
/// are many (a verification scheme, a pathological chain).
struct PositionIndex<Key: Hashable> {
    /// The keys in the order added.
    private(set) var keys: [Key] = []
    private var positions: [Key: Int] = [:]
    private static var linearLimit: Int { 32 }

    init(capacity: Int = 0) { keys.reserveCapacity(capacity) }

    var count: Int { keys.count }

    func position(of key: Key) -> Int? {
        keys.count > Self.linearLimit ? positions[key] : keys.firstIndex(of: key)
    }

    /// Adds a key not yet present; returns its position.
    @discardableResult
    mutating func append(_ key: Key) -> Int {
        keys.append(key)
        if keys.count > Self.linearLimit {
            if positions.isEmpty {
                for (position, key) in keys.enumerated() { positions[key] = position }
            } else {
                positions[key] = keys.count - 1
            }
        }
        return keys.count - 1
    }
}
