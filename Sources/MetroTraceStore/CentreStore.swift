import Foundation
import MetroTrace
import MetroTraceIO
import Synchronization

/// A centre's store: its revision log and what is derived from it — the dataset and the
/// frozen network at any revision, the revisions that touched an entity, the check of the
/// hash chain. Every write is checked as a load is (the dataset it leaves must build a
/// network without an error) before it is committed, in the same transaction.
public final class CentreStore: Sendable {
    /// The backend.
    public let log: any RevisionLog
    /// The last replay made, kept so that the next one (a write's check, a later
    /// revision) applies only the revisions after it.
    private let lastReplay = Mutex<StoreReplay?>(nil)

    /// Opens the store at `location`: a `postgres://` URL, else a SQLite file.
    public init(opening location: String) throws(StoreError) {
        if PostgresLocation.names(location) {
            #if PostgreSQL
                log = try PostgresRevisionStore(opening: location)
            #else
                throw StoreError(.key("store.postgres-not-built", ("store", .literal(location))))
            #endif
        } else {
            log = try SQLiteRevisionStore(opening: location)
        }
    }

    /// A store over `log`.
    public init(log: any RevisionLog) {
        self.log = log
    }

    /// Creates an empty store at `location`: a `postgres://` URL (its database must
    /// exist and hold no store), else a SQLite file, which must not exist.
    public static func create(_ location: String) throws(StoreError) -> CentreStore {
        if PostgresLocation.names(location) {
            #if PostgreSQL
                return CentreStore(log: try PostgresRevisionStore.create(location))
            #else
                throw StoreError(.key("store.postgres-not-built", ("store", .literal(location))))
            #endif
        }
        return CentreStore(log: try SQLiteRevisionStore.create(location))
    }

    /// Whether a dataset argument names a store rather than dataset files.
    public static func isStore(_ location: String) -> Bool {
        location.hasSuffix(".mtdb") || PostgresLocation.names(location)
    }

    // MARK: Reading

    /// The dataset in force after revision `number` (the latest when nil).
    public func replay(through number: Int? = nil) throws(StoreError) -> StoreReplay {
        guard let head = try log.head() else { return StoreReplay() }
        return try replay(through: min(number ?? head.number, head.number), head: head.number)
    }

    /// The replay through `last`, from the last replay kept when it is not past `last`.
    private func replay(through last: Int, head: Int) throws(StoreError) -> StoreReplay {
        let kept = lastReplay.withLock { $0 }
        var replay = kept.flatMap { $0.revision <= last ? $0 : nil } ?? StoreReplay()
        let batch = 64
        while replay.revision < last {
            let range = (replay.revision + 1)...min(last, replay.revision + batch)
            for revision in try log.revisions(range) {
                do throws(DatasetError) {
                    replay.apply(try revision.content.change(revision: revision.number), revision: revision.number)
                } catch {
                    throw StoreError(
                        .key("store.revision-unreadable", ("revision", .literal("\(revision.number)"))),
                        dataset: error)
                }
            }
            if replay.revision < range.upperBound {
                throw StoreError(.key("store.revision-unreadable", ("revision", .literal("\(replay.revision + 1)"))))
            }
        }
        keep(replay)
        return replay
    }

    /// Keeps `replay` for the next replay when it is not older than the one kept.
    private func keep(_ replay: StoreReplay) {
        lastReplay.withLock { kept in
            if (kept?.revision ?? -1) <= replay.revision { kept = replay }
        }
    }

    /// The revision a query reads: `revision` when given, else the last one committed at
    /// or before `knownAt`, else the latest.
    public func revisionNumber(revision: Int?, knownAt: String?) throws(StoreError) -> Int {
        let latest = try log.head()?.number ?? 0
        if let revision {
            guard revision >= 0, revision <= latest else {
                throw StoreError(
                    .key("store.no-revision", ("revision", .literal("\(revision)")), ("latest", .literal("\(latest)"))))
            }
            return revision
        }
        if let knownAt { return try log.revisionNumber(knownAt: knownAt) }
        return latest
    }

    /// The frozen network after revision `number`, from the snapshot cached beside the
    /// store under the revision's hash when there is one, else replayed, built and cached
    /// (written atomically; a stale snapshot is replaced).
    public func network(through number: Int) throws(StoreError) -> Network {
        try network(through: number, caching: true)
    }

    /// The frozen network after revision `number`; `caching: false` builds it without
    /// reading or writing the cache (a walk over many revisions, which would otherwise
    /// replace the current snapshot with each).
    public func network(through number: Int, caching: Bool) throws(StoreError) -> Network {
        guard caching else { return try Self.build(try replay(through: number).dataset) }
        let hash = number == 0 ? Revision.genesisHash : try log.hash(of: number) ?? ""
        let snapshot = snapshotPath(hash)
        if FileManager.default.fileExists(atPath: snapshot), let loaded = try? DatasetLoader.load(snapshot) {
            return loaded.network
        }
        let network = try Self.build(try replay(through: number).dataset)
        self.cache(network, hash: hash)
        return network
    }

    /// Writes `network` as the snapshot of the revision whose hash is `hash` (atomically:
    /// a reader sees the old file or the new one) and removes the others, which are stale.
    /// Best effort: a cache that cannot be written is rebuilt by the next reader.
    private func cache(_ network: Network, hash: String) {
        let snapshot = snapshotPath(hash)
        try? FileManager.default.createDirectory(atPath: cacheFolder, withIntermediateDirectories: true)
        guard (try? DatasetLoader.writeSnapshot(of: network, to: snapshot)) != nil else { return }
        for stale in (try? FileManager.default.contentsOfDirectory(atPath: cacheFolder)) ?? []
        where stale.hasSuffix(".mtnet") && cacheFolder + "/" + stale != snapshot {
            try? FileManager.default.removeItem(atPath: cacheFolder + "/" + stale)
        }
    }

    /// Where the snapshot of the revision whose hash is `hash` is cached.
    private func snapshotPath(_ hash: String) -> String { cacheFolder + "/" + hash + ".mtnet" }

    /// Where the derived networks are cached (``RevisionLog/cacheFolder``).
    public var cacheFolder: String { log.cacheFolder }

    /// A network built from `dataset`, its problems as a `StoreError`.
    static func build(_ dataset: Dataset) throws(StoreError) -> Network {
        var builder = NetworkBuilder()
        builder.setName(dataset.name)
        for kind in dataset.quantities { builder.declare(kind) }
        for lab in dataset.labs { builder.add(lab) }
        for item in dataset.items { builder.add(item) }
        for record in dataset.calibrations { builder.add(record) }
        do throws(DatasetError) {
            return try builder.build()
        } catch {
            throw StoreError(.key("store.write-invalid"), dataset: error)
        }
    }

    // MARK: Writing

    /// Commits `change` as one revision by `author` in `role`, or refuses it, changing
    /// nothing: an empty change, a correction or void without a reason, an added id in
    /// force or a corrected or voided one not in force, a change of a lab's scope without
    /// the approver role, or a dataset that would not build.
    @discardableResult
    public func commit(_ change: RevisionChange, author: String, role: Role, reason: String) throws(StoreError)
        -> Revision
    {
        guard !change.isEmpty else { throw StoreError(.key("store.write-empty")) }
        let committed = try commit(author: author, role: role, reason: reason) { _ throws(StoreError) in change }
        guard let committed else { throw StoreError(.key("store.write-empty")) }
        return committed
    }

    /// Commits what of an import's `addition` the store does not hold yet
    /// (``DatasetAddition/novelty(of:over:at:replaceableEntities:)``, against the
    /// dataset in force under the write lock), or nothing when all of it is there.
    ///
    /// - Returns: the revision, or nil when nothing was new; the ids of the records
    ///   skipped because the store holds them identical; how many entities it added.
    public func commitAddition(
        _ addition: Dataset, replaceableEntities: Set<String> = [], author: String, role: Role, reason: String
    ) throws(StoreError) -> (revision: Revision?, skippedRecords: [String], touched: Int) {
        var skipped: [String] = []
        var touched = 0
        let revision = try commit(author: author, role: role, reason: reason) { replay throws(StoreError) in
            do throws(DatasetError) {
                let novelty = try DatasetAddition.novelty(
                    of: addition, over: replay.dataset, at: log.location, replaceableEntities: replaceableEntities)
                skipped = novelty.skippedRecords
                let change = RevisionChange(added: novelty.new)
                touched = change.touched.count
                return change
            } catch {
                throw StoreError(.key("store.write-invalid"), dataset: error)
            }
        }
        return (revision, skipped, revision == nil ? 0 : touched)
    }

    /// Commits the change `make` gives for the dataset in force under the write lock, as
    /// ``commit(_:author:role:reason:)`` does; nothing when it gives an empty change.
    ///
    /// The network the write's check built is what the new revision gives: once the
    /// revision is committed it is cached as that revision's snapshot, and the replay
    /// kept, so that the first query after a write reads it rather than rebuilding it.
    func commit(
        author: String, role: Role, reason: String,
        making make: (StoreReplay) throws(StoreError) -> RevisionChange
    ) throws(StoreError) -> Revision? {
        guard role >= .recorder else { throw StoreError(.key("store.write-role", ("role", .literal(role.rawValue)))) }
        var built: (replay: StoreReplay, network: Network)?
        let committed = try log.append { head throws(StoreError) in
            built = nil
            var replay = try self.replay(through: head?.number ?? 0, head: head?.number ?? 0)
            let change = try make(replay)
            guard !change.isEmpty else { return nil }
            let needsReason = !change.corrected.isEmpty || !change.voided.isEmpty
            if needsReason && reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw StoreError(.key("store.write-needs-reason"))
            }
            let conflicts = replay.conflicts(of: change)
            guard conflicts.isEmpty else { throw StoreError(.list(conflicts)) }
            if role < .approver, Self.changesScope(change, in: replay) {
                throw StoreError(.key("store.write-scope-needs-approver", ("role", .literal(role.rawValue))))
            }
            let number = (head?.number ?? 0) + 1
            replay.apply(change, revision: number)
            let dataset = replay.dataset
            let committedAt = StoreClock.now(after: head?.committedAt)
            let previousHash = head?.hash ?? Revision.genesisHash
            // The check's build beside the writing and hashing of the stored documents.
            let (network, revision) = BothAtOnce.run(
                { () -> Result<Network, StoreError> in Result { () throws(StoreError) in try Self.build(dataset) } },
                {
                    Revision(
                        number: number, committedAt: committedAt, author: author, role: role, reason: reason,
                        change: change, previousHash: previousHash)
                })
            built = (replay, try network.get())
            return (revision, change)
        }
        if let committed, let built {
            keep(built.replay)
            cache(built.network, hash: committed.hash)
        }
        return committed
    }

    /// Whether a change adds a lab with capabilities, or changes a lab's capabilities or
    /// accreditations, or voids a lab: what the seed has approved.
    static func changesScope(_ change: RevisionChange, in replay: StoreReplay) -> Bool {
        change.added.labs.contains { !$0.capabilities.isEmpty || !$0.accreditations.isEmpty }
            || change.corrected.labs.contains { lab in
                let before = replay.lab(lab.id)
                return before?.capabilities != lab.capabilities || before?.accreditations != lab.accreditations
            }
            || change.voided.contains { $0.kind == .lab }
    }

    // MARK: Verifying

    /// Recomputes every revision's hash and checks the chain; returns the first revision
    /// that does not match (its hash, or its link to the one before), or nil when all do.
    public func verify() throws(StoreError) -> (revision: Int, problem: LocalizedText)? {
        guard let head = try log.head() else { return nil }
        var previous = Revision.genesisHash
        var expected = 1
        let batch = 256
        var start = 1
        while start <= head.number {
            for revision in try log.revisions(start...min(head.number, start + batch - 1)) {
                if revision.number != expected {
                    return (expected, .key("store.verify.gap", ("found", .literal("\(revision.number)"))))
                }
                if revision.previousHash != previous {
                    return (revision.number, .key("store.verify.link"))
                }
                if revision.computedHash != revision.hash {
                    return (revision.number, .key("store.verify.hash"))
                }
                previous = revision.hash
                expected += 1
            }
            start += batch
        }
        if expected != head.number + 1 { return (expected, .key("store.verify.gap", ("found", "-"))) }
        return nil
    }
}
