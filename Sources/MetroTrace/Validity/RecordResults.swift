/// The per-record results of an analysis, kept apart from the network so that a network
/// can cache them (``Network/analysis(policy:)``).
struct RecordResults: Sendable {
    /// The results without the network their propagation refers to, to be kept in that
    /// network's cache: holding the network there would make a reference cycle (network →
    /// cache → results → network), and a service analysing networks would leak every one.
    func detached() -> RecordResults {
        var copy = self
        copy.propagation.network = Network.placeholder
        return copy
    }

    var effectiveDue: [Day?]
    var findingStart: [Int32]
    var findings: [FindingCode]
    var sound: [Bool]
    var upstreamWorst: [UInt8]
    var suspectSince: [Day?]
    var suspectCause: [Int32]
    var propagation: Propagator<AllRecords>
}
