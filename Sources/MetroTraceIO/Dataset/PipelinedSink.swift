import Foundation
import MetroTrace
import Synchronization

/// A `DatasetSink` that hands everything it is given to another sink on a second
/// thread, so that reading a document (parsing, building labs, items and records) and
/// adding what was read (interning, checking, laying out columns) run on two cores.
///
/// Calls reach the downstream sink in the order they were made, in batches, so the
/// result — the downstream sink's state and its diagnostics — is the same as adding
/// directly. ``addDocument(_:)`` needs the downstream answer at once: it waits until
/// every earlier call has been applied, then asks.
///
/// Use it for one read: ``finish()`` waits for the last batch and returns the
/// downstream sink.
final class PipelinedSink<Downstream: DatasetSink & Sendable>: DatasetSink, @unchecked Sendable {
    /// One call on the sink.
    private enum Call {
        case report(Diagnostic)
        case setName(String)
        case declare(QuantityKind, Origin?)
        case lab(Lab, Origin?)
        case item(Item, Origin?)
        case record(CalibrationRecord, Origin?)
        case unreadable(EntityKind, String)
    }

    /// Calls per batch: enough that handing a batch over costs nothing per call. Waking
    /// the other thread is dear on a virtual machine (a futex wake, often an
    /// inter-processor interrupt): with 512 calls per batch the wakes took 6 % of a
    /// national load.
    private static var batchSize: Int { 4096 }
    /// Batches handed over and not yet applied, at most: bounds the memory of what was
    /// read and not yet added (about 1 KB per record).
    private static var batchesInFlight: Int { 4 }

    // The downstream sink is touched by the second thread between `init` and `finish`,
    // and by the calling thread only while no batch is pending (`drain`).
    private var downstream: Downstream
    private var batch: [Call] = []
    private let queue = Mutex<[[Call]]>([])
    /// Batches applied, handed back so that what they hold is freed by the thread that
    /// allocated it: freeing another thread's allocations takes its malloc arena's lock,
    /// and the two threads then wake each other through it (2.5 % of the reading thread's
    /// time in a national load).
    private let applied = Mutex<[[Call]]>([])
    private let ready = DispatchSemaphore(value: 0)
    private let room = DispatchSemaphore(value: PipelinedSink.batchesInFlight)
    private let idle = DispatchSemaphore(value: 0)

    /// Starts the work on a second thread, which owns `downstream` until ``finish()``.
    init(_ downstream: consuming Downstream) {
        self.downstream = downstream
        batch.reserveCapacity(Self.batchSize)
        // A pooled worker rather than a thread of its own: workers are reused, and a
        // thread created and ended per load crashed the benchmark harness's allocation
        // interposer.
        DispatchQueue.global(qos: .userInitiated).async { [self] in applyBatches() }
    }

    // MARK: DatasetSink

    func addDocument(_ name: String) -> Int32 {
        drain()
        return downstream.addDocument(name)
    }

    func report(_ diagnostic: Diagnostic) { enqueue(.report(diagnostic)) }
    func setName(_ name: String) { enqueue(.setName(name)) }
    func declare(_ kind: QuantityKind, origin: Origin?) { enqueue(.declare(kind, origin)) }
    func add(_ lab: Lab, origin: Origin?) { enqueue(.lab(lab, origin)) }
    func add(_ item: Item, origin: Origin?) { enqueue(.item(item, origin)) }
    func add(_ record: CalibrationRecord, origin: Origin?) { enqueue(.record(record, origin)) }
    func markUnreadable(_ kind: EntityKind, id: String) { enqueue(.unreadable(kind, id)) }

    /// Applies every call made so far, stops the second thread and returns the
    /// downstream sink.
    func finish() -> Downstream {
        drain()
        hand([])  // An empty batch stops the thread.
        idle.wait()
        return downstream
    }

    // MARK: Handing over

    private func enqueue(_ call: Call) {
        batch.append(call)
        if batch.count == Self.batchSize { handBatch() }
    }

    private func handBatch() {
        guard !batch.isEmpty else { return }
        hand(batch)
        batch = []
        batch.reserveCapacity(Self.batchSize)
        let spent = applied.withLock { batches in
            defer { batches.removeAll() }
            return batches
        }
        _ = consume spent
    }

    private func hand(_ calls: [Call]) {
        room.wait()
        queue.withLock { $0.append(calls) }
        ready.signal()
    }

    /// Waits until every call made so far has been applied.
    private func drain() {
        handBatch()
        // Each applied batch signals `room`; taking every slot means none is pending.
        for _ in 0..<Self.batchesInFlight { room.wait() }
        for _ in 0..<Self.batchesInFlight { room.signal() }
    }

    // MARK: The second thread

    private func applyBatches() {
        while true {
            ready.wait()
            let calls = queue.withLock { $0.removeFirst() }
            if calls.isEmpty { break }
            for call in calls { apply(call) }
            applied.withLock { $0.append(calls) }
            room.signal()
        }
        room.signal()
        idle.signal()
    }

    private func apply(_ call: Call) {
        switch call {
        case .report(let diagnostic): downstream.report(diagnostic)
        case .setName(let name): downstream.setName(name)
        case .declare(let kind, let origin): downstream.declare(kind, origin: origin)
        case .lab(let lab, let origin): downstream.add(lab, origin: origin)
        case .item(let item, let origin): downstream.add(item, origin: origin)
        case .record(let record, let origin): downstream.add(record, origin: origin)
        case .unreadable(let kind, let id): downstream.markUnreadable(kind, id: id)
        }
    }
}
