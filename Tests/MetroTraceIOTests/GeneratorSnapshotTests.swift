import Foundation
import Testing

@testable import MetroTrace
@testable import MetroTraceIO

/// The synthetic network generator and network snapshots (`.mtnet`).
@Suite("Generator and snapshots")
struct GeneratorSnapshotTests {
    static let day = Day(year: 2026, month: 12, day: 31)!

    static func generated(instruments: Int = 300, years: Int = 2, seed: UInt64 = 7) throws -> String {
        try NetworkGenerator(instruments: instruments, years: years, seed: seed).text()
    }

    static func network(_ text: String) throws -> Network {
        var builder = NetworkBuilder()
        DatasetLoader.read(bytes: Array(text.utf8), named: "generated.json", into: &builder)
        return try builder.build()
    }

    @Test("the same parameters give byte-identical output, another seed another network")
    func deterministic() throws {
        let first = try Self.generated()
        #expect(first == (try Self.generated()))
        #expect(first != (try Self.generated(seed: 8)))
    }

    @Test("a generated network loads cleanly and has the shape of a real one")
    func shape() throws {
        let network = try Self.network(try Self.generated(instruments: 20_000, years: 3, seed: 1))
        let analysis = TraceabilityAnalysis(network: network)
        let validity = analysis.validity(at: Self.day)
        let instruments = network.itemIndices.filter { network.kind(of: $0) == .instrument }
        #expect(instruments.count == 20_000)
        // Records with one to three references, recalibration histories, several quantities.
        let references = network.recordIndices.map { network.referenceRows(of: $0).count }
        #expect(references.max() == 3)
        #expect(network.recordCount > 2 * instruments.count)
        #expect(Set(network.itemIndices.map { network.quantity(of: $0).name }).count >= 4)
        // Chains from instruments to the SI are 4 to 7 links deep.
        let depths = instruments.prefix(500).compactMap { item -> Int? in
            let chain = analysis.chain(of: item, at: Self.day)
            return chain.status == .valid ? Self.depth(chain) : nil
        }
        #expect(depths.min() ?? 0 >= 4)
        #expect(depths.max() ?? 0 <= 7)
        #expect(Set(depths).count >= 2)
        // A realistic share of every status, and of the problems that cause them.
        let statuses = Dictionary(grouping: validity, by: \.status).mapValues(\.count)
        #expect(statuses[.valid, default: 0] > validity.count / 2)
        #expect(statuses[.broken, default: 0] > 0 && statuses[.warning, default: 0] > 0)
        let rules = Set(network.itemIndices.flatMap { analysis.findings(of: $0, at: Self.day).map(\.rule) })
        for rule in [
            Rule.expired, .noRecordInForce, .labOutOfScope, .labNotAccredited, .unanchored, .suspect,
            .referenceOutOfService, .verdictFail, .testUncertaintyRatio,
        ] {
            #expect(rules.contains(rule), "no \(rule.id) finding in the generated network")
        }
    }

    /// The number of items on the longest path from the item down to an anchor.
    static func depth(_ chain: Chain) -> Int {
        var memo: [RecordIndex: Int] = [:]
        func depth(_ record: RecordIndex) -> Int {
            if let known = memo[record] { return known }
            let references = chain.link(of: record)?.references ?? []
            let deepest = references.map { $0.record.map(depth) ?? 1 }.max() ?? 0
            memo[record] = deepest + 1
            return deepest + 1
        }
        return chain.record.map(depth) ?? 1
    }

    @Test(
        "absurd sizes are refused with a reason",
        arguments: [
            (0, 3), (-5, 3), (NetworkGenerator.maximumInstruments + 1, 3), (10, 0), (10, 51),
        ])
    func parameters(_ instruments: Int, _ years: Int) {
        #expect(throws: NetworkGenerator.ParameterError.self) {
            try NetworkGenerator(instruments: instruments, years: years, seed: 1)
        }
    }

    @Test("a snapshot gives back the same network: validity, chains and uncertainties")
    func roundTrip() throws {
        let network = try Self.network(try Self.generated())
        let bytes = NetworkSnapshot.encode(network)
        let loaded = try bytes.withUnsafeBytes { try NetworkSnapshot.decode($0) }
        #expect(loaded.recordCount == network.recordCount && loaded.itemCount == network.itemCount)
        #expect(NetworkSnapshot.encode(loaded) == bytes)
        let (a, b) = (TraceabilityAnalysis(network: network), TraceabilityAnalysis(network: loaded))
        #expect(a.validity(at: Self.day) == b.validity(at: Self.day))
        for item in network.itemIndices {
            #expect(a.findings(of: item, at: Self.day) == b.findings(of: item, at: Self.day))
            #expect(a.uncertainty(of: item, at: Self.day) == b.uncertainty(of: item, at: Self.day))
        }
    }

    static func decodeError(_ bytes: [UInt8]) -> String? {
        do {
            _ = try bytes.withUnsafeBytes { try NetworkSnapshot.decode($0) }
            return nil
        } catch {
            return (error as? SnapshotError)?.message ?? "\(error)"
        }
    }

    @Test("the every-field dataset survives a snapshot: every column the network holds, as model values")
    func everyFieldSnapshot() throws {
        let network = try DatasetLoader.load(SpreadsheetTests.everyField).network
        let bytes = NetworkSnapshot.encode(network)
        let loaded = try bytes.withUnsafeBytes { try NetworkSnapshot.decode($0) }
        #expect(NetworkSnapshot.encode(loaded) == bytes)
        #expect(loaded.name == network.name)
        for lab in 0..<Int32(network.labCount) {
            #expect(loaded.labModel(LabIndex(lab)) == network.labModel(LabIndex(lab)))
        }
        for item in network.itemIndices {
            #expect(
                loaded.id(of: item) == network.id(of: item) && loaded.itemName(of: item) == network.itemName(of: item))
            #expect(loaded.kind(of: item) == network.kind(of: item) && loaded.unit(of: item) == network.unit(of: item))
            #expect(loaded.tolerance(of: item) == network.tolerance(of: item))
            #expect(loaded.range(of: item)?.lower == network.range(of: item)?.lower)
            #expect(loaded.range(of: item)?.upper == network.range(of: item)?.upper)
            #expect(loaded.accuracyClass(of: item) == network.accuracyClass(of: item))
            #expect(
                loaded.serial(of: item) == network.serial(of: item) && loaded.model(of: item) == network.model(of: item)
            )
            #expect(loaded.manufacturer(of: item) == network.manufacturer(of: item))
            #expect(loaded.assetTag(of: item) == network.assetTag(of: item))
            #expect(loaded.isCompulsory(item) == network.isCompulsory(item))
            #expect(loaded.events(of: item) == network.events(of: item))
        }
        for record in network.recordIndices {
            #expect(loaded.calibrationRecord(record) == network.calibrationRecord(record))
        }
        // What the every-field items and records state reached the network at all.
        let weight = try #require(network.item(id: "E1-1KG"))
        #expect(network.serial(of: weight) == "JX-E1-0417" && network.model(of: weight) == "E1-1KG-S")
        #expect(network.manufacturer(of: weight) == "上海天平仪器厂" && network.assetTag(of: weight) == "JXIM-ZC-0093")
        let realisation = try #require(network.item(id: "SI-KG"))
        #expect(network.isCompulsory(weight) && !network.isCompulsory(realisation))
        let calibrated = try #require(network.record(id: "NIM-2025-001"))
        #expect(network.calibrationRecord(calibrated).budget.count == 2)
        #expect(
            network.procedure(of: calibrated) == "JJG 99-2022" && network.source(of: calibrated) == "paper certificate")
        let day = Day(year: 2025, month: 9, day: 1)!
        let (a, b) = (TraceabilityAnalysis(network: network), TraceabilityAnalysis(network: loaded))
        #expect(a.validity(at: day) == b.validity(at: day))
        for item in network.itemIndices {
            #expect(a.findings(of: item, at: day) == b.findings(of: item, at: day))
            #expect(a.uncertainty(of: item, at: day) == b.uncertainty(of: item, at: day))
        }
    }

    @Test("truncated, bit-flipped, foreign and other-version snapshots are refused with a reason")
    func refused() throws {
        let bytes = NetworkSnapshot.encode(try Self.network(try Self.generated(instruments: 50)))
        #expect(Self.decodeError(Array(bytes.prefix(bytes.count - 1)))?.contains("truncated") == true)
        #expect(Self.decodeError(Array(bytes.prefix(20)))?.contains("truncated") == true)
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x10
        #expect(Self.decodeError(flipped)?.contains("checksum") == true)
        var otherVersion = bytes
        otherVersion[NetworkSnapshot.magic.count] = 99
        #expect(Self.decodeError(otherVersion)?.contains("version 99") == true)
        #expect(Self.decodeError(Array("{\"metrotrace\": 1}".utf8))?.contains("not a MetroTrace") == true)
        #expect(Self.decodeError(bytes + [0])?.contains("too many") == true)
    }

    @Test("damage anywhere is reported as a checksum mismatch, whatever reading the damaged columns ran into")
    func damageIsReportedByTheChecksum() throws {
        // The checksum is worked out while the columns are read: a damaged tag, count or
        // code stops the reading early, and what is reported is still the mismatch.
        let bytes = NetworkSnapshot.encode(try Self.network(try Self.generated(instruments: 40, years: 1)))
        var random = SeededRandom(seed: 7)
        for _ in 0..<300 {
            var damaged = bytes
            let at = random.int(NetworkSnapshot.headerSize...(bytes.count - 1))
            damaged[at] ^= UInt8(truncatingIfNeeded: random.int(1...255))
            let message = Self.decodeError(damaged)
            #expect(message == "snapshot is corrupt (checksum mismatch)", "byte \(at): \(message ?? "accepted")")
        }
    }

    @Test("damaged contents behind a valid checksum are refused, never a crash")
    func damagedContents() throws {
        let bytes = NetworkSnapshot.encode(try Self.network(try Self.generated(instruments: 40, years: 1)))
        let header = NetworkSnapshot.headerSize
        var random = SeededRandom(seed: 42)
        var refused = 0
        for _ in 0..<400 {
            var damaged = bytes
            for _ in 0..<random.int(1...4) {
                damaged[random.int(header...(bytes.count - 1))] = UInt8(truncatingIfNeeded: random.next())
            }
            // Re-seal the checksum so that decoding reaches the columns.
            let checksum = damaged[header...].withUnsafeBytes { XXHash64.hash($0) }
            withUnsafeBytes(of: checksum.littleEndian) { damaged.replaceSubrange((header - 8)..<header, with: $0) }
            if Self.decodeError(damaged) != nil {
                refused += 1
                continue
            }
            // What is accepted is a consistent network: every query runs on it.
            let network = try NetworkSnapshot.decode(damaged.withUnsafeBytes { UnsafeRawBufferPointer($0) })
            let analysis = network.analysis()
            _ = analysis.validity(at: Self.day)
            for item in network.itemIndices {
                _ = analysis.chain(of: item, at: Self.day)
                _ = analysis.uncertainty(of: item, at: Self.day)
            }
        }
        // Some damage lands in values (a date, an uncertainty) and makes a different but
        // consistent network; damage to structure must be refused.
        #expect(refused > 100)
    }

    /// A snapshot of `network` after `damage`, with a valid checksum (as a crafted file
    /// would have).
    static func crafted(_ damage: (inout Network) -> Void) throws -> [UInt8] {
        var network = try Self.network(try Self.generated(instruments: 40, years: 1))
        damage(&network)
        return NetworkSnapshot.encode(network)
    }

    @Test("values behind a valid checksum are checked: each is refused with its reason")
    func craftedValues() throws {
        func refusal(_ damage: (inout Network) -> Void) throws -> String? { Self.decodeError(try Self.crafted(damage)) }
        let stated = try Self.network(try Self.generated(instruments: 40, years: 1)).points.firstIndex {
            $0.hasStatedUncertainty
        }!
        #expect(
            try refusal {
                $0.points[stated].k = .nan; $0.points[stated].coverage = .nan
            }?.contains("without k or coverage") == true)
        #expect(try refusal { $0.points[stated].k = -.infinity }?.contains("k = -inf") == true)
        #expect(try refusal { $0.points[stated].expanded = .infinity }?.contains("U = inf") == true)
        #expect(try refusal { $0.points[stated].dof = .nan }?.contains("degrees of freedom") == true)
        #expect(try refusal { $0.recordDue[0] = Day(ordinal: Int32.max - 3) }?.contains("due date") == true)
        #expect(try refusal { $0.recordDate[0] = Day(ordinal: Int32.min + 3) }?.contains("plausible") == true)
        #expect(try refusal { $0.references[0].sensitivity = .nan }?.contains("reference 0") == true)
        #expect(try refusal { $0.itemDriftPerYear[0] = .infinity }?.contains("drift") == true)
        #expect(try refusal { $0.capabilities[0].cmcK = 0 }?.contains("capability 0") == true)
        // Two items with one id, the index rebuilt so that it is consistent.
        #expect(
            try refusal { network in
                network.itemID[1] = network.itemID[0]
                network.itemIDIndex = IDIndex(ids: network.itemID, strings: network.strings)
            }?.contains("appears twice") == true)
        // The same, and a hash that is not its id's, found by either half of the two-thread check.
        for position in [0, 1] {
            var network = try Self.network(try Self.generated(instruments: 40, years: 1))
            let last = network.itemCount - 1
            network.itemID[position == 0 ? 1 : last] = network.itemID[position == 0 ? 0 : last - 1]
            network.itemIDIndex = IDIndex(ids: network.itemID, strings: network.strings)
            #expect(throws: SnapshotError.self) {
                try network.validateIndex("item", network.itemIDIndex, ids: network.itemID, twoThreadsFrom: 0)
            }
        }
        var wrongHash = try Self.network(try Self.generated(instruments: 40, years: 1))
        #expect(throws: Never.self) {
            try wrongHash.validateIndex("record", wrongHash.recordIDIndex, ids: wrongHash.recordID, twoThreadsFrom: 0)
        }
        wrongHash.recordIDIndex = IDIndex(
            hashes: wrongHash.recordIDIndex.hashes.map { $0 == wrongHash.recordIDIndex.hashes.last ? $0 &+ 1 : $0 },
            positions: wrongHash.recordIDIndex.positions)
        #expect(throws: SnapshotError.self) {
            try wrongHash.validateIndex("record", wrongHash.recordIDIndex, ids: wrongHash.recordID, twoThreadsFrom: 0)
        }
        // A position listed twice (and so another never), every hash its id's: the
        // multisets of (position, hash) pairs differ.
        var twice = try Self.network(try Self.generated(instruments: 40, years: 1))
        var positions = twice.itemIDIndex.positions
        positions[positions.count - 1] = positions[0]
        twice.itemIDIndex = IDIndex(hashes: twice.itemIDIndex.hashes, positions: positions)
        #expect(throws: SnapshotError.self) {
            try twice.validateIndex("item", twice.itemIDIndex, ids: twice.itemID, twoThreadsFrom: 0)
        }
        // A reference standing on a later record, or on another item's.
        #expect(
            try refusal { network in
                let row = network.references.firstIndex { $0.used >= 0 }!
                network.references[row].used = Int32(network.recordCount - 1)
            }?.contains("not an earlier record of its item") == true)
    }

    @Test("a damaged header is reported as a damaged snapshot, not as JSON or another byte order")
    func damagedHeader() throws {
        let bytes = NetworkSnapshot.encode(try Self.network(try Self.generated(instruments: 20, years: 1)))
        var magic = bytes
        magic[1] ^= 0x20
        let folder = NSTemporaryDirectory() + "metrotrace-header-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, damaged) in [("magic.bin", magic), ("magic.mtnet", [UInt8](repeating: 0, count: 40) + bytes)] {
            let path = folder + "/" + name
            try Data(damaged).write(to: URL(fileURLWithPath: path))
            #expect {
                _ = try DatasetLoader.load(path)
            } throws: { error in
                "\(error)".contains("snapshot is damaged")
            }
        }
        var order = bytes
        order[NetworkSnapshot.magic.count + 4] ^= 0x5A
        #expect(Self.decodeError(order)?.contains("damaged: its header's byte-order mark") == true)
        var version = bytes
        version[NetworkSnapshot.magic.count + 3] = 0x7F
        #expect(Self.decodeError(version)?.contains("damaged: its header's format version") == true)
        var swapped = bytes
        swapped.replaceSubrange(
            (NetworkSnapshot.magic.count + 4)..<(NetworkSnapshot.magic.count + 8), with: [0x01, 0x02, 0x03, 0x04])
        #expect(Self.decodeError(swapped)?.contains("other byte order") == true)
    }
}
