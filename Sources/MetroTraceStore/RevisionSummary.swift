/// A revision without its content: who wrote it, when, why, and its hash — what a log
/// lists, read without the revision's dataset documents (which for an import of a
/// national network are the better part of a gigabyte).
public struct RevisionSummary: Hashable, Sendable {
    /// Its number.
    public var number: Int
    /// When it was committed.
    public var committedAt: String
    /// Who wrote it.
    public var author: String
    /// The role it was written in.
    public var role: Role
    /// Why.
    public var reason: String
    /// Its hash.
    public var hash: String

    /// A summary.
    public init(number: Int, committedAt: String, author: String, role: Role, reason: String, hash: String) {
        self.number = number
        self.committedAt = committedAt
        self.author = author
        self.role = role
        self.reason = reason
        self.hash = hash
    }
}
