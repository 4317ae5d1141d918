/// The latest revision of a store: what the next one chains to.
public struct RevisionHead: Hashable, Sendable {
    /// Its number.
    public var number: Int
    /// Its hash.
    public var hash: String
    /// When it was committed.
    public var committedAt: String

    /// A head.
    public init(number: Int, hash: String, committedAt: String) {
        self.number = number
        self.hash = hash
        self.committedAt = committedAt
    }
}
