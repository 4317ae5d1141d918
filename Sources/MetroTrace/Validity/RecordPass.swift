/// The one pass over all records, in index order, that propagates their uncertainties
/// and judges them at their own dates, a block of records at a time: the block's points
/// are propagated first, then its records judged, with their items' facts gathered ahead.
///
/// Propagation never reads a judgement, and judging a record reads only its own points
/// and what was settled about earlier records, so the two halves could run on two
/// threads. Measured on 1M instruments they do not pay: both read the network's shared
/// arrays, and the reference counting of those arrays from two cores made the pass 50 %
/// slower (Benchmarks/README.md).
enum RecordPass {
    /// Records per block: large enough to gather item facts in bulk, small enough that
    /// the block's points stay in cache.
    static let blockSize = 4096

    /// What the pass settles.
    struct Settled {
        var sound: [Bool]
        var upstreamWorst: [UInt8]
        var findings: [FindingCode]
        var findingStart: [Int32]
        var propagator: Propagator<AllRecords>
    }
}

extension TraceabilityAnalysis {
    /// Propagates and judges every record (``RecordPass``).
    func settleRecords(propagator: consuming Propagator<AllRecords>, items: [ItemFacts], blockSize: Int)
        -> RecordPass.Settled
    {
        var propagator = consume propagator
        let count = network.recordCount
        var supported: [(squares: Double, fourth: Double)] = []
        var points: [PointUncertainty] = []
        var starts: [Int32] = []
        var sound = [Bool](repeating: false, count: count)
        var upstreamWorst = [UInt8](repeating: 0, count: count)
        var findings: [FindingCode] = []
        var findingStart: [Int32] = [0]
        findingStart.reserveCapacity(count + 1)
        var used = [UsedRecordFacts](repeating: .unjudged, count: count)
        let table = PolicyTable(policy)
        // Storage reused from record to record.
        var recordFindings = RecordFindings()
        var gathered: [ItemFacts] = []
        for first in stride(from: 0, to: count, by: blockSize) {
            let end = min(count, first + blockSize)
            // Records in date order have scattered items: their facts are gathered first,
            // in a loop of independent loads whose cache misses overlap.
            gathered.removeAll(keepingCapacity: true)
            for r in first..<end { gathered.append(items[network.recordItem[r].int]) }
            points.removeAll(keepingCapacity: true)
            starts.removeAll(keepingCapacity: true)
            for r in first..<end {
                let record = RecordIndex(Int32(r))
                propagator.propagate(record, supported: &supported)
                starts.append(Int32(points.count))
                // Judging needs a computed U only to compare it with the item's tolerance.
                propagator.appendPointResults(
                    of: record, supported: supported, coverage: gathered[r - first].hasTolerance, to: &points)
            }
            starts.append(Int32(points.count))
            points.withUnsafeBufferPointer { blockPoints in
                for r in first..<end {
                    let record = RecordIndex(Int32(r))
                    let offset = r - first
                    let recordPoints = UnsafeBufferPointer(
                        rebasing: blockPoints[Int(starts[offset])..<Int(starts[offset + 1])])
                    let isSound = judge(
                        record, facts: gathered[offset], points: recordPoints, items: items, used: used, table: table,
                        into: &recordFindings)
                    sound[r] = isSound
                    upstreamWorst[r] = recordFindings.worst
                    used[r] = UsedRecordFacts(
                        points: network.points, range: network.pointRange(of: record),
                        verdictFail: network.recordVerdict[r] == .fail, due: judged.effectiveDue[r], sound: isSound,
                        upstreamWorst: recordFindings.worst)
                    if !recordFindings.list.isEmpty { findings.append(contentsOf: recordFindings.list) }
                    findingStart.append(Int32(findings.count))
                }
            }
        }
        propagator.accumulator = VectorAccumulator(denseSlots: false)
        propagator.partsScratch = []
        return RecordPass.Settled(
            sound: sound, upstreamWorst: upstreamWorst, findings: findings, findingStart: findingStart,
            propagator: propagator)
    }
}
