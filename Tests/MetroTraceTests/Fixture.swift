@testable import MetroTrace

/// A small network built in code for focused tests: mass items in kg, an NMI and a
/// calibration lab with broad scopes, and helpers that keep each test to the point.
struct Fixture {
    var builder = NetworkBuilder()

    static func day(_ text: String) -> Day { Day(iso: text)! }
    static func kg(_ value: Double) -> QuantityValue { QuantityValue(value, try! Unit.parse("kg"), scale: .absolute) }
    static func mg(_ value: Double) -> QuantityValue { QuantityValue(value, try! Unit.parse("mg"), scale: .interval) }

    /// A fixture with labs `NMI` and `LAB` (accredited since 2000, mass calibration and
    /// verification 0–100 kg, CMC 0.002 mg) and an SI realisation `SI` (exact).
    init(labs: Bool = true) {
        guard labs else { return }
        for id in ["NMI", "LAB"] {
            builder.add(
                Lab(
                    id: id, name: id, kind: id == "NMI" ? .nmi : .calibrationLab,
                    accreditations: [Accreditation(scheme: "CNAS", window: DateWindow(from: Self.day("2000-01-01")))],
                    capabilities: [Activity.calibration, .verification, .test].map {
                        Capability(
                            quantity: "mass", activity: $0, range: QuantityRange(Self.kg(0), Self.kg(100)),
                            cmc: CMC(absolute: Self.mg(0.002)), window: DateWindow(from: Self.day("2000-01-01")))
                    }))
        }
        item("SI", kind: .siRealization, lab: "NMI")
    }

    mutating func item(
        _ id: String, kind: ItemKind = .workingStandard, lab: String = "LAB",
        tolerance: Double? = nil, recognized: [DateWindow] = [], events: [(String, ItemState)] = []
    ) {
        builder.add(
            Item(
                id: id, name: id, kind: kind, quantity: "mass", unit: try! Unit.parse("kg"), lab: lab,
                tolerance: tolerance.map { Tolerance(absolute: Self.mg($0)) },
                recognized: recognized.map { Recognition(scheme: "CIPM MRA", window: $0) },
                events: events.map { StatusEvent(date: Self.day($0.0), state: $0.1) }))
    }

    mutating func record(
        _ id: String, item: String, lab: String = "LAB", date: String, due: String? = "+1y",
        activity: Activity = .calibration, references: [String] = ["SI"], at: Double = 1,
        points: [(nominal: Double, U: Double?)] = [(1, 0.1)], verdict: Verdict? = nil
    ) {
        let day = Self.day(date)
        let dueDay: Day? = due == "+1y" ? day.adding(months: 12).advanced(by: -1) : due.map(Self.day)
        builder.add(
            CalibrationRecord(
                id: id, activity: activity, item: item, lab: lab, date: day, due: dueDay,
                references: references.map { Reference(item: $0, at: Self.kg(at)) },
                points: points.map { point in
                    CalibrationPoint(
                        nominal: Self.kg(point.nominal),
                        expanded: point.U.map { ExpandedUncertainty(Self.mg($0), k: 2) })
                },
                verdict: verdict))
    }

    func network() throws -> Network {
        var builder = self.builder
        return try builder.build()
    }

    func analysis(_ policy: Policy = Policy()) throws -> TraceabilityAnalysis {
        TraceabilityAnalysis(network: try network(), policy: policy)
    }
}

extension TraceabilityAnalysis {
    /// The status and the set of rule ids on an item's chain at a date.
    func check(_ id: String, at date: String) -> (status: Status, rules: Set<String>) {
        let item = network.item(id: id)!
        let day = Day(iso: date)!
        return (validity(of: item, at: day).status, Set(findings(of: item, at: day).map(\.rule.id)))
    }
}
