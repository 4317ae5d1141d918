import MetroTrace

extension NetworkGenerator {
    /// A standard of the generated hierarchy.
    struct Standard {
        var id: String
        var quantity: Int
        /// 1 primary, 2 NMI reference, 3 provincial, 4 centre working, 5 enterprise working.
        var level: Int
        var lab: String
        /// The lab that calibrates it.
        var calibratedBy: String
        var parents: [Int]
        var intervalMonths: Int
        /// A standard calibrated in house against nothing (an unanchored chain).
        var unanchored = false
        /// The day it was found out of tolerance, if it was.
        var outOfTolerance: Day?
    }

    /// A lab of the generated network.
    struct GeneratedLab {
        var id: String
        var name: String
        var kind: LabKind
        var industry: String?
        var accredited: Bool
        /// The quantities it may calibrate and verify, with the level of what it calibrates.
        var quantities: [Int]
        var level: Int
        /// A quantity whose approved scope lapses before the end (working outside scope).
        var lapsedQuantity: Int?
    }

    static let industries = [
        "high-end equipment", "energy saving and environment", "automotive", "new materials",
        "medical devices", "tungsten and rare earths", "green food",
    ]

    struct Writer {
        let generator: NetworkGenerator
        var start: Day
        var labs: [GeneratedLab] = []
        var standards: [Standard] = []
        /// Per province and quantity, the provincial standards.
        var provincial: [[[Int]]] = []
        /// Per centre (by lab position) and quantity, its working standards.
        var centreStandards: [String: [Int: [Int]]] = [:]
        /// Per province, its centres' lab ids.
        var centres: [[String]] = []
        /// Per enterprise: province, quantities, working standard per quantity.
        var enterprises: [(id: String, province: Int, quantities: [Int], standards: [Int: Int])] = []
        var recordCounter = 0

        init(generator: NetworkGenerator) {
            self.generator = generator
            start = generator.end.adding(months: -12 * generator.years)
            build()
        }

        var quantities: [Quantity] { NetworkGenerator.quantities }

        // MARK: The hierarchy

        mutating func build() {
            var random = SeededRandom(seed: generator.seed, stream: 0)
            let count = generator.instruments
            let provinces = max(2, min(34, count / 250_000 + 2))
            let enterpriseCount = max(10, count / 200)
            let all = Array(quantities.indices)
            labs.append(
                GeneratedLab(
                    id: "NIM", name: "中国计量科学研究院", kind: .nmi, accredited: true,
                    quantities: all, level: 1))
            for q in all {
                standards.append(
                    Standard(
                        id: "A-\(quantities[q].name)", quantity: q, level: 1, lab: "NIM",
                        calibratedBy: "NIM", parents: [], intervalMonths: 0))
            }
            var nmi: [[Int]] = Array(repeating: [], count: all.count)
            for q in all {
                for k in 1...2 {
                    nmi[q].append(standards.count)
                    standards.append(
                        Standard(
                            id: "N-\(quantities[q].name)-\(k)", quantity: q, level: 2, lab: "NIM",
                            calibratedBy: "NIM", parents: [q], intervalMonths: 24))
                }
            }
            for p in 1...provinces {
                let lab = "P\(p)"
                labs.append(
                    GeneratedLab(
                        id: lab, name: "省计量测试研究院 \(p)", kind: .provincialInstitute,
                        accredited: true, quantities: all, level: 2))
                var perQuantity: [[Int]] = []
                for q in all {
                    var list: [Int] = []
                    for k in 1...3 {
                        list.append(standards.count)
                        // Both NMI standards: references sharing ancestry.
                        standards.append(
                            Standard(
                                id: "\(lab)-\(quantities[q].name)-\(k)", quantity: q, level: 3,
                                lab: lab, calibratedBy: "NIM", parents: nmi[q], intervalMonths: 24))
                    }
                    perQuantity.append(list)
                }
                provincial.append(perQuantity)
                var provinceCentres: [String] = []
                for (c, industry) in NetworkGenerator.industries.enumerated() {
                    let id = "C\(p).\(c + 1)"
                    let served = Array(Set((0..<3).map { _ in random.int(0...(all.count - 1)) })).sorted()
                    let lapsed = random.chance(1.0 / 7) ? served.first : nil
                    labs.append(
                        GeneratedLab(
                            id: id, name: "\(industry)产业计量测试中心 \(p)", kind: .industryCentre,
                            industry: industry, accredited: true, quantities: served, level: 3,
                            lapsedQuantity: lapsed))
                    provinceCentres.append(id)
                    for q in served {
                        for k in 1...2 {
                            centreStandards[id, default: [:]][q, default: []].append(standards.count)
                            // One to three of the province's standards, which share the NMI's.
                            let parents = Array(perQuantity[q].shuffled(using: &random).prefix(random.int(1...3)))
                                .sorted()
                            var standard = Standard(
                                id: "\(id)-\(quantities[q].name)-\(k)", quantity: q, level: 4, lab: id,
                                calibratedBy: lab, parents: parents, intervalMonths: 12)
                            if random.chance(0.04) {
                                standard.outOfTolerance = generator.end.advanced(by: -random.int(40...330))
                            }
                            standards.append(standard)
                        }
                    }
                }
                centres.append(provinceCentres)
            }
            for e in 1...enterpriseCount {
                let id = "E\(e)"
                let province = random.int(0...(provinces - 1))
                let used = Array(Set([random.int(0...(all.count - 1)), random.int(0...(all.count - 1))])).sorted()
                let hasLab = random.chance(0.3)
                labs.append(
                    GeneratedLab(
                        id: id, name: "企业计量室 \(e)", kind: .enterpriseLab,
                        industry: random.pick(NetworkGenerator.industries),
                        accredited: hasLab && random.chance(0.8), quantities: hasLab ? used : [], level: 4))
                var own: [Int: Int] = [:]
                if hasLab {
                    let unanchored = random.chance(0.02)
                    for q in used {
                        let (calibrator, parent) = self.calibrator(for: q, province: province, random: &random)
                        own[q] = standards.count
                        standards.append(
                            Standard(
                                id: "\(id)-\(quantities[q].name)-WS", quantity: q, level: 5, lab: id,
                                calibratedBy: unanchored ? id : calibrator, parents: unanchored ? [] : [parent],
                                intervalMonths: 12, unanchored: unanchored))
                    }
                }
                enterprises.append((id, province, used, own))
            }
        }

        /// Who calibrates an item of quantity q in a province, and against which standard:
        /// a centre that serves q when there is one, else the provincial institute.
        func calibrator(for q: Int, province: Int, random: inout SeededRandom) -> (String, Int) {
            let serving = centres[province].filter { centreStandards[$0]?[q] != nil }
            if !serving.isEmpty, random.chance(0.75) {
                let centre = random.pick(serving)
                return (centre, random.pick(centreStandards[centre]![q]!))
            }
            return ("P\(province + 1)", random.pick(provincial[province][q]))
        }

        // MARK: Writing

        /// Writes the document through one compact ``JSONWriter`` (every string escaped),
        /// handing its bytes to `out` every megabyte.
        mutating func write(to out: inout some TextSink) {
            var w = JSONWriter(pretty: false, capacity: 1 << 21)
            func drain() {
                if w.bytes.count >= 1 << 20 { out.append(utf8: w.take()) }
            }
            w.beginObject()
            w.key("metrotrace")
            w.integer(1)
            w.member(
                "name",
                "synthetic network: \(generator.instruments) instruments, \(generator.years) years, seed \(generator.seed)"
            )
            w.member("description", "generated by metrotrace generate; deterministic for its parameters")
            w.key("labs")
            w.beginArray()
            for lab in labs { write(lab, to: &w) }
            w.endArray()
            w.key("items")
            w.beginArray()
            for standard in standards { write(standard, to: &w) }
            drain()
            for i in 0..<generator.instruments {
                writeInstrument(i, plan: instrumentPlan(i), to: &w)
                drain()
            }
            w.endArray()
            w.key("calibrations")
            w.beginArray()
            for (position, standard) in standards.enumerated() where standard.level > 1 {
                writeRecords(position, standard, to: &w)
                drain()
            }
            for i in 0..<generator.instruments {
                writeInstrumentRecords(i, plan: instrumentPlan(i), to: &w)
                drain()
            }
            w.endArray()
            w.endObject()
            out.append(utf8: w.take() + [UInt8(ascii: "\n")])
        }

        /// A member holding a value of quantity `q`, given to four significant digits.
        func value(_ name: StaticString, _ number: Double, _ q: Int, to w: inout JSONWriter) {
            w.key(name)
            value(number, q, to: &w)
        }

        func value(_ number: Double, _ q: Int, to w: inout JSONWriter) {
            w.quantity(significant: number, digits: 4, unit: quantities[q].unit)
        }

        func range(_ lower: Double, _ upper: Double, _ q: Int, to w: inout JSONWriter) {
            w.key("range")
            w.beginArray()
            value(lower, q, to: &w)
            value(upper, q, to: &w)
            w.endArray()
        }

        /// The relative expanded uncertainty at a level of the hierarchy.
        func relative(_ q: Int, level: Int) -> Double {
            var r = quantities[q].topRelative
            for _ in 1..<max(1, level) { r *= 3 }
            return r
        }

        /// A point of a calibration or of a primary standard's stated uncertainty (k = 2).
        func point(_ nominal: Double, relative: Double, _ q: Int, to w: inout JSONWriter) {
            w.beginObject()
            value("nominal", nominal, q, to: &w)
            value("U", nominal * relative, q, to: &w)
            w.key("k")
            w.integer(2)
            w.endObject()
        }

        /// A recognition or accreditation open at its end.
        func window(scheme: String, from: String, to w: inout JSONWriter) {
            w.beginObject()
            w.member("scheme", scheme)
            w.member("from", from)
            w.key("to")
            w.null()
            w.endObject()
        }

        func write(_ lab: GeneratedLab, to w: inout JSONWriter) {
            w.beginObject()
            w.member("id", lab.id)
            w.member("name", lab.name)
            w.member("kind", lab.kind.rawValue)
            if let industry = lab.industry { w.member("industry", industry) }
            w.key("accreditations")
            w.beginArray()
            if lab.accredited {
                let nmi = lab.kind == .nmi
                window(scheme: nmi ? "CIPM MRA" : "CNAS", from: nmi ? "1999-10-14" : "2000-01-01", to: &w)
            }
            w.endArray()
            w.key("capabilities")
            w.beginArray()
            for q in lab.quantities {
                let top = quantities[q].nominals.last! * 10
                let cmc = relative(q, level: lab.level + 1) / 2
                for activity in [Activity.calibration, .verification] {
                    w.beginObject()
                    w.member("quantity", quantities[q].name)
                    w.member("activity", activity.rawValue)
                    range(0, top, q, to: &w)
                    w.key("cmc")
                    w.beginObject()
                    w.member("relative", cmc)
                    w.key("k")
                    w.integer(2)
                    w.endObject()
                    w.member("from", "2000-01-01")
                    w.key("to")
                    if lab.lapsedQuantity == q {
                        w.string(generator.end.adding(months: -8).description)
                    } else {
                        w.null()
                    }
                    w.endObject()
                }
            }
            w.endArray()
            w.endObject()
        }

        func write(_ standard: Standard, to w: inout JSONWriter) {
            let q = standard.quantity
            let quantity = quantities[q]
            let kind: ItemKind =
                switch standard.level {
                case 1: .primaryStandard
                case 2, 3: .referenceStandard
                default: .workingStandard
                }
            w.beginObject()
            w.member("id", standard.id)
            w.member("name", "\(quantity.name) standard \(standard.id)")
            w.member("kind", kind.rawValue)
            w.member("quantity", quantity.name)
            w.member("unit", quantity.unit)
            w.member("lab", standard.lab)
            range(quantity.nominals.first!, quantity.nominals.last!, q, to: &w)
            if standard.level == 1 {
                w.key("recognized")
                w.beginArray()
                window(scheme: "CIPM MRA", from: "2000-01-01", to: &w)
                w.endArray()
                w.key("uncertainty")
                w.beginArray()
                for nominal in quantity.nominals { point(nominal, relative: quantity.topRelative, q, to: &w) }
                w.endArray()
            } else {
                w.key("drift")
                w.beginObject()
                value("perYear", quantity.nominals.last! * relative(q, level: standard.level) * 0.05, q, to: &w)
                w.endObject()
            }
            if let day = standard.outOfTolerance {
                w.key("events")
                w.beginArray()
                for (date, state) in [(day, ItemState.outOfTolerance), (day.advanced(by: 30), .inService)] {
                    w.beginObject()
                    w.member("date", date.description)
                    w.member("state", state.rawValue)
                    w.endObject()
                }
                w.endArray()
            }
            w.endObject()
        }

        /// A calibration date sequence: the first record within one interval after `from`,
        /// then every interval (calibrated up to 20 days early), up to `until`.
        func dates(from: Day, until: Day, months: Int, random: inout SeededRandom) -> [Day] {
            var day = from.advanced(by: random.int(0...(months * 28)))
            var result: [Day] = []
            while day <= until {
                result.append(day)
                day = day.adding(months: months).advanced(by: -random.int(1...20))
            }
            return result
        }

        /// The start of a record: its id (numbered in the order written), activity, item, lab
        /// and dates.
        mutating func beginRecord(
            _ activity: Activity, item: String, lab: String, date: Day, due: Day, to w: inout JSONWriter
        ) {
            recordCounter += 1
            w.beginObject()
            w.member("id", "R\(recordCounter)")
            w.member("activity", activity.rawValue)
            w.member("item", item)
            w.member("lab", lab)
            w.member("date", date.description)
            w.member("due", due.description)
        }

        mutating func writeRecords(_ position: Int, _ standard: Standard, to w: inout JSONWriter) {
            var random = SeededRandom(seed: generator.seed, stream: UInt64(1_000_000_000 + position))
            let q = standard.quantity
            let quantity = quantities[q]
            // Standards are calibrated from before the period, so that they are in force
            // throughout it.
            let historyStart = start.adding(months: -standard.intervalMonths - 12)
            var days = dates(from: historyStart, until: generator.end, months: standard.intervalMonths, random: &random)
            if let found = standard.outOfTolerance {
                days =
                    days.filter { $0 < found } + [found.advanced(by: 30)] + days.filter { $0 > found.advanced(by: 30) }
            }
            let relative = relative(q, level: standard.level)
            for day in days {
                let due = day.adding(months: standard.intervalMonths).advanced(by: -1)
                beginRecord(.calibration, item: standard.id, lab: standard.calibratedBy, date: day, due: due, to: &w)
                w.key("references")
                w.beginArray()
                for parent in standard.parents {
                    w.beginObject()
                    w.member("item", standards[parent].id)
                    w.member("at", "nominal")
                    w.endObject()
                }
                w.endArray()
                w.key("points")
                w.beginArray()
                for nominal in quantity.nominals { point(nominal, relative: relative, q, to: &w) }
                w.endArray()
                w.endObject()
            }
        }

        /// What an instrument is: who owns, calibrates and serves as its standard.
        struct InstrumentPlan {
            var owner: String
            var quantity: Int
            var lab: String
            var standard: Int
            var nominal: Double
            var intervalMonths: Int
            var relative: Double
            var tolerance: Double
            var verification: Bool
            var stopsEarly: Bool
        }

        func instrumentPlan(_ i: Int) -> InstrumentPlan {
            var random = SeededRandom(seed: generator.seed, stream: UInt64(i) &+ 1)
            let enterprise = enterprises[random.int(0...(enterprises.count - 1))]
            let q = random.pick(enterprise.quantities)
            let lab: String
            let standard: Int
            if let own = enterprise.standards[q], random.chance(0.4) {
                (lab, standard) = (enterprise.id, own)
            } else {
                (lab, standard) = calibrator(for: q, province: enterprise.province, random: &random)
            }
            let relative = self.relative(q, level: standards[standard].level + 1)
            let ratio = random.chance(0.92) ? 6.0 : random.chance(0.6) ? 3.5 : 2.5
            let nominal = random.pick(quantities[q].nominals)
            return InstrumentPlan(
                owner: enterprise.id, quantity: q, lab: lab, standard: standard, nominal: nominal,
                intervalMonths: random.pick([6, 12, 12, 12, 12, 12, 12, 24, 24]), relative: relative,
                tolerance: nominal * relative * ratio, verification: random.chance(0.6),
                stopsEarly: random.chance(0.04))
        }

        func writeInstrument(_ i: Int, plan: InstrumentPlan, to w: inout JSONWriter) {
            let quantity = quantities[plan.quantity]
            w.beginObject()
            w.member("id", "I\(i + 1)")
            w.member("name", "\(quantity.name) instrument \(i + 1)")
            w.member("kind", ItemKind.instrument.rawValue)
            w.member("quantity", quantity.name)
            w.member("unit", quantity.unit)
            w.member("lab", plan.owner)
            w.key("tolerance")
            w.beginObject()
            value("absolute", plan.tolerance, plan.quantity, to: &w)
            w.endObject()
            w.endObject()
        }

        mutating func writeInstrumentRecords(_ i: Int, plan: InstrumentPlan, to w: inout JSONWriter) {
            var random = SeededRandom(seed: generator.seed, stream: UInt64(2_000_000_000 + i))
            let until = plan.stopsEarly ? generator.end.adding(months: -plan.intervalMonths - 6) : generator.end
            let days = dates(from: start, until: until, months: plan.intervalMonths, random: &random)
            let q = plan.quantity
            let item = "I\(i + 1)"
            let standardID = standards[plan.standard].id
            for day in days {
                let due = day.adding(months: plan.intervalMonths).advanced(by: -1)
                let activity: Activity = plan.verification ? .verification : .calibration
                beginRecord(activity, item: item, lab: plan.lab, date: day, due: due, to: &w)
                w.key("references")
                w.beginArray()
                w.beginObject()
                w.member("item", standardID)
                value("at", plan.nominal, q, to: &w)
                w.endObject()
                w.endArray()
                w.key("points")
                w.beginArray()
                point(plan.nominal, relative: plan.relative, q, to: &w)
                w.endArray()
                if plan.verification { w.member("verdict", random.chance(0.01) ? "fail" : "pass") }
                w.endObject()
            }
        }
    }
}
