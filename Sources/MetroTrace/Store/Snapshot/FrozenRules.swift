/// The rules whose results a snapshot stores instead of recomputing them on load: the
/// anchor rule (``AnchorState``), the order records are numbered in (same-day
/// dependencies and cycles) and what each reference stood on at its record's date.
///
/// A snapshot written under one version of these rules would give that version's
/// answers under another. So the snapshot format version is tied to a fingerprint of
/// their behaviour: ``fingerprint()`` applies them to a fixed set of cases and networks
/// and hashes the outcomes, and a test compares it with
/// ``NetworkSnapshot/frozenRulesFingerprint``. A change of the rules fails that test
/// until the format version is raised (old snapshots are then refused, "compile it
/// again") and the fingerprint updated.
enum FrozenRules {
    /// The fingerprint of the rules as this build applies them.
    static func fingerprint() -> UInt64 {
        var outcomes: [UInt8] = []
        anchorOutcomes(into: &outcomes)
        for seed in 1...24 { freezeOutcomes(seed: UInt64(seed), into: &outcomes) }
        return outcomes.withUnsafeBytes { XXHash64.hash($0) }
    }

    /// The anchor rule on every kind, recognition, accreditation and state, at days
    /// before, inside and after the windows.
    static func anchorOutcomes(into outcomes: inout [UInt8]) {
        let start = Day(ordinal: 1000), end = Day(ordinal: 2000)
        let windows: [[DateWindow]] = [
            [], [DateWindow(from: start, to: end)], [DateWindow(from: start)], [DateWindow(to: end)],
            [DateWindow(from: start, to: end), DateWindow(from: Day(ordinal: 3000))],
        ]
        let states: [(ItemState, Day?)] = [(.inService, nil)] + ItemState.allCases.map { ($0, start) }
        for kind in ItemKind.allCases {
            for recognitions in windows {
                for accredited in [false, true] {
                    for state in states {
                        for day in [500, 1000, 1500, 2000, 2500, 3500].map(Day.init(ordinal:)) {
                            let outcome = AnchorState.of(
                                kind: kind, recognitions: recognitions, ownerAccredited: { accredited },
                                state: { state }, at: day)
                            outcomes += Array("\(code(outcome));".utf8)
                        }
                    }
                }
            }
        }
    }

    /// A seeded network of anchors, standards and instruments with many same-day
    /// records, references to anchors, to each other and to themselves (cycles), frozen;
    /// then, per record in numbered order, its id, whether it is in a cycle and what each
    /// of its references stood on.
    static func freezeOutcomes(seed: UInt64, into outcomes: inout [UInt8]) {
        var random = SeededRandom(seed: seed)
        var builder = NetworkBuilder()
        let always = DateWindow()
        builder.add(
            Lab(
                id: "L", name: "L", kind: .nmi,
                accreditations: random.chance(0.7) ? [Accreditation(scheme: "S", window: always)] : []))
        let kinds = ItemKind.allCases
        let itemCount = random.int(3...12)
        for i in 0..<itemCount {
            let kind = kinds[random.int(0...kinds.count - 1)]
            var recognized: [Recognition] = []
            if kind.canAnchor, random.chance(0.6) {
                let from = random.int(0...20)
                let to = random.chance(0.5) ? Day(ordinal: Int32(from + random.int(0...15))) : nil
                recognized = [
                    Recognition(scheme: "CIPM MRA", window: DateWindow(from: Day(ordinal: Int32(from)), to: to))
                ]
            }
            let events =
                random.chance(0.3)
                ? [
                    StatusEvent(
                        date: Day(ordinal: Int32(random.int(0...30))), state: ItemState.allCases[random.int(0...3)])
                ]
                : []
            builder.add(
                Item(
                    id: "I\(i)", name: "I\(i)", kind: kind, quantity: "mass", unit: .coherent(Dimension.mass), lab: "L",
                    recognized: recognized, events: events))
        }
        let recordCount = random.int(1...30)
        for r in 0..<recordCount {
            let references = (0..<random.int(0...3)).map { _ in
                Reference(item: "I\(random.int(0...itemCount - 1))", at: QuantityValue(si: 1, dimension: .mass))
            }
            builder.add(
                CalibrationRecord(
                    id: "R\(r)", activity: .calibration, item: "I\(random.int(0...itemCount - 1))", lab: "L",
                    date: Day(ordinal: Int32(random.int(0...30))), references: references,
                    points: [CalibrationPoint(nominal: QuantityValue(si: 1, dimension: .mass))]))
        }
        let network: Network
        do {
            network = try builder.build()
        } catch {
            outcomes += Array("unbuildable: \(error.log.diagnostics.first?.description ?? "");".utf8)
            return
        }
        for record in network.recordIndices {
            outcomes += Array("\(network.id(of: record)) \(network.isInCycle(record)):".utf8)
            for row in network.referenceRows(of: record) {
                let used = row.used >= 0 ? network.id(of: RecordIndex(row.used)) : "\(row.used)"
                outcomes += Array("\(used),".utf8)
            }
            outcomes += Array(";".utf8)
        }
    }

    /// An anchor state written out, independently of how Swift prints enums.
    static func code(_ state: AnchorState) -> String {
        switch state {
        case .notAnAnchor: "none"
        case .valid: "valid"
        case .notRecognized: "unrecognised"
        case .outOfService(let state, let since): "out \(state.rawValue) \(since?.ordinal ?? -1)"
        }
    }
}
