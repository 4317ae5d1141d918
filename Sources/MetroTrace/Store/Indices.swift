/// The dense index of an item in a ``Network``.
public struct ItemIndex: Hashable, Comparable, Sendable {
    /// The position in the network's item arrays.
    public let rawValue: Int32

    /// Creates an index; valid only for the network that issued it.
    @inlinable public init(_ rawValue: Int32) { self.rawValue = rawValue }

    @inlinable var int: Int { Int(rawValue) }

    public static func < (lhs: ItemIndex, rhs: ItemIndex) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Whether the item's kind can anchor a chain.
    func isAnchorKind(in network: Network) -> Bool { network.itemKind[int].canAnchor }
}

/// The dense index of a record in a ``Network``. Records are numbered in date order
/// (same-day records by their dependencies), so a smaller index never depends on a
/// larger one unless the two are in a cycle.
public struct RecordIndex: Hashable, Comparable, Sendable {
    /// The position in the network's record arrays.
    public let rawValue: Int32

    /// Creates an index; valid only for the network that issued it.
    @inlinable public init(_ rawValue: Int32) { self.rawValue = rawValue }

    @inlinable var int: Int { Int(rawValue) }

    public static func < (lhs: RecordIndex, rhs: RecordIndex) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The dense index of a lab in a ``Network``.
public struct LabIndex: Hashable, Comparable, Sendable {
    /// The position in the network's lab array.
    public let rawValue: Int32

    /// Creates an index; valid only for the network that issued it.
    @inlinable public init(_ rawValue: Int32) { self.rawValue = rawValue }

    @inlinable var int: Int { Int(rawValue) }

    public static func < (lhs: LabIndex, rhs: LabIndex) -> Bool { lhs.rawValue < rhs.rawValue }
}
