/// A span of days with optional ends, both inclusive; an open end reaches indefinitely.
public struct DateWindow: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The first day of the window, or nil when it has always applied.
    public var from: Day?
    /// The last day of the window, or nil when it still applies.
    public var to: Day?

    /// Creates a window.
    public init(from: Day? = nil, to: Day? = nil) {
        self.from = from
        self.to = to
    }

    /// A window open at both ends.
    public static let always = DateWindow()

    /// Whether `day` lies in the window (ends inclusive).
    @inlinable
    public func contains(_ day: Day) -> Bool {
        if let from, day < from { return false }
        if let to, day > to { return false }
        return true
    }

    /// `2010-01-01 … 2020-12-31`, `2010-01-01 … (open)`.
    public var description: String {
        "\(from?.description ?? "(open)") … \(to?.description ?? "(open)")"
    }
}
