import Dispatch

/// The one pass over all records, in index order, that propagates their uncertainties
/// and judges them at their own dates, a block of records at a time: the block's points
/// are propagated first, then its records judged, with their items' facts gathered ahead.
///
/// Propagation never reads a judgement, and judging a record reads only its own points
/// and what was settled about earlier records, so on networks of more than a few blocks
/// the two halves run on two threads: one propagates block k + 1 while the other judges
/// block k. The results are the same either way (tests compare them). An earlier
/// two-thread version was slower than one thread, because both threads retained and
/// released the network's shared arrays; the hot loops now read rows by position and
/// make no slices, so the threads share nothing they write.
enum RecordPass {
    /// Records per block at most: large enough to gather item facts in bulk and to make
    /// handing a block between threads cheap, small enough that the block's points stay
    /// in cache.
    static let blockSize = 4096

    /// Records per block for a network of `count` records: smaller blocks (down to
    /// 1,024) for smaller networks, so that the two threads overlap on more of them
    /// (the first block's propagation and the last one's judging run alone). Measured:
    /// 10k instruments 8.0 → 7.4 ms; at 1M blocks of 1,024 were 20 % slower than of 4,096.
    static func blockSize(records count: Int) -> Int { min(blockSize, max(1024, count / 32)) }

    /// What the pass settles.
    struct Settled {
        var sound: [Bool]
        var upstreamWorst: [UInt8]
        var findings: [FindingCode]
        var findingStart: [Int32]
        var propagator: Propagator<AllRecords>
    }

    /// One block of records, propagated: their items' facts and their points'
    /// uncertainties (record i's points are `points[starts[i]..<starts[i + 1]]`).
    struct Block {
        var records: Range<Int> = 0..<0
        var facts: [ItemFacts] = []
        var points: [PointUncertainty] = []
        var starts: [Int32] = []
        /// Storage reused from record to record.
        var supported: [(squares: Double, fourth: Double)] = []
    }

    /// What judging has settled so far, record by record.
    struct Progress {
        var sound: [Bool]
        var upstreamWorst: [UInt8]
        var findings: [FindingCode] = []
        var findingStart: [Int32] = [0]
        var used: [UsedRecordFacts]
        var recordFindings = RecordFindings()
        /// The policy's severities and thresholds, looked up by position.
        let table: PolicyTable

        init(count: Int, table: PolicyTable) {
            self.table = table
            sound = [Bool](repeating: false, count: count)
            upstreamWorst = [UInt8](repeating: 0, count: count)
            findingStart.reserveCapacity(count + 1)
            used = [UsedRecordFacts](repeating: .unjudged, count: count)
        }
    }

    /// A block being handed between the two threads; the semaphores of
    /// ``TraceabilityAnalysis/settlePipelined(propagator:items:blockSize:)`` say which
    /// thread may touch it.
    final class BlockBox: @unchecked Sendable {
        var block = Block()
    }

    /// The propagator, lent to the propagating thread.
    final class PropagatorBox: @unchecked Sendable {
        var propagator: Propagator<AllRecords>
        init(_ propagator: consuming Propagator<AllRecords>) { self.propagator = propagator }
    }
}

extension TraceabilityAnalysis {
    /// Propagates and judges every record (``RecordPass``), on two threads when the
    /// network has more than two blocks (or as `pipelined` says).
    func settleRecords(
        propagator: consuming Propagator<AllRecords>, items: [ItemFacts], blockSize: Int, pipelined: Bool? = nil
    ) -> RecordPass.Settled {
        let count = network.recordCount
        var propagator = consume propagator
        var progress = RecordPass.Progress(count: count, table: PolicyTable(policy))
        if pipelined ?? (count > 2 * blockSize) {
            propagator = settlePipelined(propagator: propagator, items: items, blockSize: blockSize, into: &progress)
        } else {
            var block = RecordPass.Block()
            for first in stride(from: 0, to: count, by: blockSize) {
                propagateBlock(first..<min(count, first + blockSize), items: items, with: &propagator, into: &block)
                judgeBlock(block, items: items, into: &progress)
            }
        }
        propagator.accumulator = VectorAccumulator(denseSlots: false)
        propagator.partsScratch = []
        return RecordPass.Settled(
            sound: progress.sound, upstreamWorst: progress.upstreamWorst, findings: progress.findings,
            findingStart: progress.findingStart, propagator: propagator)
    }

    /// Propagates on a second thread, two blocks ahead at most, while this one judges.
    /// Returns the propagator when every block is done.
    private func settlePipelined(
        propagator: consuming Propagator<AllRecords>, items: [ItemFacts], blockSize: Int,
        into progress: inout RecordPass.Progress
    ) -> Propagator<AllRecords> {
        let count = network.recordCount
        let boxes = [RecordPass.BlockBox(), RecordPass.BlockBox()]
        let lent = RecordPass.PropagatorBox(propagator)
        let free = DispatchSemaphore(value: boxes.count)
        let ready = DispatchSemaphore(value: 0)
        let blocks = Array(stride(from: 0, to: count, by: blockSize).enumerated())
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            for (k, first) in blocks {
                free.wait()
                propagateBlock(
                    first..<min(count, first + blockSize), items: items, with: &lent.propagator,
                    into: &boxes[k % boxes.count].block)
                ready.signal()
            }
        }
        for (k, _) in blocks {
            ready.wait()
            judgeBlock(boxes[k % boxes.count].block, items: items, into: &progress)
            free.signal()
        }
        // The last `ready` came after the last propagation: the propagator is back.
        return lent.propagator
    }

    /// Gathers the facts of a block's items and propagates its records.
    func propagateBlock(
        _ records: Range<Int>, items: [ItemFacts], with propagator: inout Propagator<AllRecords>,
        into block: inout RecordPass.Block
    ) {
        block.records = records
        // Records in date order have scattered items: their facts are gathered first, in
        // a loop of independent loads whose cache misses overlap.
        block.facts.removeAll(keepingCapacity: true)
        for r in records { block.facts.append(items[network.recordItem[r].int]) }
        block.points.removeAll(keepingCapacity: true)
        block.starts.removeAll(keepingCapacity: true)
        for r in records {
            let record = RecordIndex(Int32(r))
            propagator.propagate(record, supported: &block.supported)
            block.starts.append(Int32(block.points.count))
            // Judging needs a computed U only to compare it with the item's tolerance.
            propagator.appendPointResults(
                of: record, supported: block.supported, coverage: block.facts[r - records.lowerBound].hasTolerance,
                to: &block.points)
        }
        block.starts.append(Int32(block.points.count))
    }

    /// Judges a propagated block's records, in order.
    func judgeBlock(_ block: RecordPass.Block, items: [ItemFacts], into progress: inout RecordPass.Progress) {
        block.points.withUnsafeBufferPointer { blockPoints in
            for r in block.records {
                let record = RecordIndex(Int32(r))
                let offset = r - block.records.lowerBound
                let recordPoints = UnsafeBufferPointer(
                    rebasing: blockPoints[Int(block.starts[offset])..<Int(block.starts[offset + 1])])
                let isSound = judge(
                    record, facts: block.facts[offset], points: recordPoints, items: items, used: progress.used,
                    table: progress.table, into: &progress.recordFindings)
                let worst = progress.recordFindings.worst
                progress.sound[r] = isSound
                progress.upstreamWorst[r] = worst
                progress.used[r] = UsedRecordFacts(
                    points: network.points, range: network.pointRange(of: record),
                    verdictFail: network.recordVerdict[r] == .fail, due: judged.effectiveDue[r], sound: isSound,
                    upstreamWorst: worst)
                if !progress.recordFindings.list.isEmpty {
                    progress.findings.append(contentsOf: progress.recordFindings.list)
                }
                progress.findingStart.append(Int32(progress.findings.count))
            }
        }
    }
}
