import MetroTrace
import MetroTraceIO

/// One write to a store: what it adds, corrects and voids, who made it, why and when,
/// chained to the revision before it by its hash.
///
/// Nothing of a revision is ever changed: a correction is a later revision whose
/// ``RevisionChange/corrected`` holds the new version of an entity, and the old one stays
/// in the log.
public struct Revision: Hashable, Sendable {
    /// The revision's number: 1 for the first, then without gaps.
    public var number: Int
    /// When it was committed (transaction time), UTC, as ISO 8601 with milliseconds:
    /// `2026-12-01T09:30:00.125Z`.
    public var committedAt: String
    /// Who wrote it.
    public var author: String
    /// The role the author wrote it in.
    public var role: Role
    /// Why: required for corrections and voids, and kept for every revision.
    public var reason: String
    /// What it changes, as stored: the text its hash is computed over.
    public var content: RevisionContent
    /// The hash of the revision before it (``Revision/genesisHash`` for the first).
    public var previousHash: String
    /// `SHA-256(canonical content ‖ previous hash)`, lowercase hex.
    public var hash: String

    /// The previous hash of the first revision: 64 zeros.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// A revision as stored, with the hash it was stored with.
    public init(
        number: Int, committedAt: String, author: String, role: Role, reason: String, content: RevisionContent,
        previousHash: String, hash: String
    ) {
        self.number = number
        self.committedAt = committedAt
        self.author = author
        self.role = role
        self.reason = reason
        self.content = content
        self.previousHash = previousHash
        self.hash = hash
    }

    /// A new revision of `change`; its hash is computed from the rest.
    public init(
        number: Int, committedAt: String, author: String, role: Role, reason: String, change: RevisionChange,
        previousHash: String
    ) {
        self.init(
            number: number, committedAt: committedAt, author: author, role: role, reason: reason,
            content: RevisionContent(change), previousHash: previousHash, hash: "")
        hash = computedHash
    }

    /// The hash the revision's content and previous hash give now: differs from ``hash``
    /// when a stored revision was altered.
    public var computedHash: String {
        var hasher = SHA256()
        emitCanonicalContent { hasher.update($0) }
        hasher.update(Array(previousHash.utf8))
        return hasher.finalizeHex()
    }

    /// The bytes the hash covers: every field but the hashes, as compact JSON in a fixed
    /// order (`docs/store.md`).
    public var canonicalContent: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(content.added.utf8.count + content.corrected.utf8.count + 512)
        emitCanonicalContent { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Hands ``canonicalContent`` to `emit` in pieces, the dataset documents escaped a
    /// piece at a time: hashing a revision of a national network never holds a second,
    /// escaped copy of its document.
    func emitCanonicalContent(_ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        var w = JSONWriter(pretty: false, capacity: 512)
        w.beginObject()
        w.key("metrotraceRevision")
        w.integer(RevisionContent.formatVersion)
        w.key("number")
        w.integer(number)
        w.member("committedAt", committedAt)
        w.member("author", author)
        w.member("role", role.rawValue)
        w.member("reason", reason)
        let documents: [(StaticString, String)] = [("added", content.added), ("corrected", content.corrected)]
        for (key, document) in documents {
            // The key through the writer (its comma), the value streamed past it.
            w.key(key)
            w.take().withUnsafeBufferPointer(emit)
            JSONWriter.streamStringLiteral(document, emit)
        }
        w.key("voided")
        w.beginArray()
        for entity in content.voided {
            w.beginArray()
            w.string(entity.kind.rawValue)
            w.string(entity.id)
            w.endArray()
        }
        w.endArray()
        w.endObject()
        w.take().withUnsafeBufferPointer(emit)
    }
}

/// What a revision adds, corrects and voids.
public struct RevisionChange: Hashable, Sendable {
    /// New labs, items, records and declared quantities: none may have the id of one the
    /// store already holds.
    public var added: Dataset
    /// New versions of entities the store holds (labs, items, records), each replacing
    /// the version in force; the versions before stay in the log.
    public var corrected: Dataset
    /// Entities withdrawn, by kind and id: no longer in the network from this revision on.
    public var voided: [EntityReference]

    /// A change.
    public init(added: Dataset = Dataset(), corrected: Dataset = Dataset(), voided: [EntityReference] = []) {
        self.added = added
        self.corrected = corrected
        self.voided = voided
    }

    /// Whether it changes nothing.
    public var isEmpty: Bool {
        added.isEmpty && corrected.isEmpty && voided.isEmpty
    }

    /// Every entity it touches, with what it does to each.
    public var touched: [(entity: EntityReference, action: EntityAction)] {
        func entities(_ dataset: Dataset, _ action: EntityAction) -> [(EntityReference, EntityAction)] {
            dataset.labs.map { (EntityReference(.lab, $0.id), action) }
                + dataset.items.map { (EntityReference(.item, $0.id), action) }
                + dataset.calibrations.map { (EntityReference(.record, $0.id), action) }
        }
        return entities(added, .add) + entities(corrected, .correct) + voided.map { ($0, .void) }
    }
}

/// What a revision does to one entity.
public enum EntityAction: String, Hashable, Sendable {
    /// The entity is new.
    case add
    /// A new version replaces the one in force.
    case correct
    /// The entity is withdrawn.
    case void
}

/// A lab, item or record named by its id.
public struct EntityReference: Hashable, Sendable, CustomStringConvertible {
    /// The kind of entity.
    public var kind: EntityKind
    /// Its id.
    public var id: String

    /// A reference.
    public init(_ kind: EntityKind, _ id: String) {
        self.kind = kind
        self.id = id
    }

    /// `record JXIM-2025-00123`.
    public var description: String { "\(kind.rawValue) \(id)" }
}

/// The role a user writes in. Until users are kept in the store every local user is
/// ``admin``; roles are checked for every write all the same.
public enum Role: String, Hashable, Sendable, CaseIterable, Comparable {
    /// Reads only.
    case reader
    /// Adds and corrects labs' items and records.
    case recorder
    /// Also approves changes of a lab's scope (its capabilities and accreditations).
    case approver
    /// Everything, users included.
    case admin

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

extension Dataset {
    /// Whether the dataset holds no entity and declares no quantity.
    public var isEmpty: Bool {
        quantities.isEmpty && labs.isEmpty && items.isEmpty && calibrations.isEmpty
    }
}
