/// The per-item values that judging a record reads, packed side by side.
///
/// Records are visited in date order, so their items come in no order at all: reading
/// kind, quantity and tolerance from four columns costs four cache misses per record,
/// from one packed row one.
struct ItemFacts {
    var toleranceAbsolute: Double
    var toleranceRelative: Double
    var quantity: Int32
    var kind: ItemKind
    /// Whether the item has status events (retirement, out of tolerance, return).
    var hasEvents: Bool

    var hasTolerance: Bool { !toleranceAbsolute.isNaN || !toleranceRelative.isNaN }

    /// The facts of every item of `network`, by item index.
    static func table(_ network: Network) -> [ItemFacts] {
        (0..<network.itemCount).map { i in
            ItemFacts(
                toleranceAbsolute: network.itemToleranceAbsolute[i],
                toleranceRelative: network.itemToleranceRelative[i],
                quantity: network.itemQuantity[i], kind: network.itemKind[i],
                hasEvents: network.itemEventStart[i] != network.itemEventStart[i + 1])
        }
    }
}

/// What records using a record read of it, packed side by side and written as soon as
/// the record is judged: the records a record uses lie anywhere earlier in the history,
/// and one packed row costs one cache miss where five columns would cost five.
struct UsedRecordFacts {
    /// The span of the record's calibrated nominal values (NaN when it has no points).
    var low: Double
    var high: Double
    /// The effective due day's ordinal; `Int32.max` when the record never expires.
    var due: Int32
    var sound: Bool
    /// The worst finding rank on the record and upstream of it.
    var upstreamWorst: UInt8
    var verdictFail: Bool

    static let unjudged = UsedRecordFacts(
        low: .nan, high: .nan, due: .max, sound: false, upstreamWorst: 0, verdictFail: false)

    /// The facts of a record just judged, with its calibrated points (rows `range` of
    /// `points`) and whether its verdict was fail.
    init(points: [PointRow], range: Range<Int>, verdictFail: Bool, due: Day?, sound: Bool, upstreamWorst: UInt8) {
        let (low, high) = PointRow.nominalSpan(points, range)
        self.init(
            low: low, high: high, due: due?.ordinal ?? .max, sound: sound, upstreamWorst: upstreamWorst,
            verdictFail: verdictFail)
    }

    private init(low: Double, high: Double, due: Int32, sound: Bool, upstreamWorst: UInt8, verdictFail: Bool) {
        self.low = low
        self.high = high
        self.due = due
        self.sound = sound
        self.upstreamWorst = upstreamWorst
        self.verdictFail = verdictFail
    }
}
