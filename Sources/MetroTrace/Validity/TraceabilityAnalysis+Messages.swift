extension TraceabilityAnalysis {
    /// A finding in words, for a metrologist.
    func render(_ code: FindingCode, message given: String? = nil) -> Finding {
        let record = code.recordIndex
        let item = record.map { network.recordItem[$0.int] } ?? code.subjectIndex!
        return Finding(
            rule: code.rule, severity: code.severity, item: network.id(of: item),
            record: record.map { network.id(of: $0) },
            lab: record.map { network.id(of: network.recordLab[$0.int]) },
            reference: code.rule.id.hasPrefix("reference.") ? code.subjectIndex.map { network.id(of: $0) } : nil,
            message: given ?? message(code, item: item, record: record), date: code.day,
            cause: code.rule == .suspect ? code.subjectIndex.map { network.id(of: $0) } : nil)
    }

    /// A record's findings, those that one rule makes at several of its points merged
    /// into one (the first point's words, "likewise at points 2, 3"): one cause, one
    /// finding per link. The merged finding has the worst severity of its points.
    func renderMergingPoints(_ codes: some Collection<FindingCode>) -> [Finding] {
        var findings: [Finding] = []
        var merged: [Int: [FindingCode]] = [:]
        var order: [(Int, FindingCode)] = []
        for code in codes {
            guard code.detail >= 0, Self.pointRules.contains(code.rule) else {
                order.append((-1, code))
                continue
            }
            if let position = order.firstIndex(where: {
                $0.0 >= 0 && $0.1.rule == code.rule && $0.1.subject == code.subject
            }) {
                merged[order[position].0, default: []].append(code)
            } else {
                order.append((order.count, code))
            }
        }
        for (key, code) in order {
            var finding = render(code)
            if key >= 0, let others = merged[key], !others.isEmpty {
                let points = others.map { String($0.detail + 1) }
                finding.message +=
                    " — likewise at point\(points.count == 1 ? "" : "s") \(points.joined(separator: ", "))"
                finding.severity = max(finding.severity, others.map(\.severity).max() ?? finding.severity)
            }
            findings.append(finding)
        }
        return findings
    }

    /// Rules a record breaks point by point.
    static let pointRules: Set<Rule> = [.belowCMC, .belowChainUncertainty, .testUncertaintyRatio, .labOutOfScope]

    func message(_ code: FindingCode, item: ItemIndex, record: RecordIndex?) -> String {
        let subject = code.subjectIndex
        let recordID = record.map { network.id(of: $0) } ?? ""
        let date = record.map { network.recordDate[$0.int] }
        let dateText = date?.description ?? ""
        func value(_ si: Double, of item: ItemIndex, scale: ValueScale = .absolute, digits: Int? = nil) -> String {
            ValueFormatting.format(si, unit: network.unit(of: item), scale: scale, digits: digits)
        }
        func point(_ index: Int32) -> PointRow? {
            guard let record, index >= 0 else { return nil }
            let rows = network.pointRows(of: record)
            return Int(index) < rows.count ? rows[rows.startIndex + Int(index)] : nil
        }
        func pointName(_ index: Int32) -> String {
            guard let row = point(index) else { return "" }
            return "point \(index + 1) (\(value(row.nominal, of: item)))"
        }
        func referenceText() -> String {
            guard let subject else { return "the reference" }
            return "reference \(network.id(of: subject))"
        }
        func usedRecord() -> RecordIndex? {
            guard let subject, let date else { return nil }
            return network.recordInForce(subject, at: date)
        }

        switch code.rule {
        case .noRecordInForce:
            let first = network.records(of: item).first.map { network.recordDate[$0.int] }
            let suffix = first.map { "; its first record is dated \($0)" } ?? "; it has no record at all"
            return "no calibration record dated on or before \(code.day?.description ?? "")\(suffix)"
        case .expired:
            let days = Int(code.value)
            return
                "record \(recordID) of \(dateText) was due on \(code.day?.description ?? ""), \(days) day\(days == 1 ? "" : "s") before the query date"
        case .noDueDate:
            return
                "record \(recordID) states no due date and the policy gives no interval for \(network.itemKind[item.int].withArticle): it never expires"
        case .outOfService:
            let (state, since) = network.state(of: item, at: code.day ?? Day(ordinal: Int32.max))
            let when = since.map { " since \($0)" } ?? ""
            return
                "\(network.id(of: item)) is \(state == .retired ? "retired" : "out of tolerance")\(when) and not returned to service"
        case .verdictFail:
            return "\(network.activity(of: record!).rawValue) \(recordID) found the item non-conforming (verdict fail)"
        case .anchorNotRecognized:
            return
                "\(network.itemKind[item.int].rawValue) \(network.id(of: item)) is not recognised on \(code.day?.description ?? "")\(recognitionText(item)) and has no calibration in force"
        case .suspect:
            let cause = subject.map { network.id(of: $0) } ?? "a standard"
            let found = code.day?.description ?? ""
            var text = "suspect since \(found): \(cause) was found out of tolerance then"
            if let subject, let day = code.day {
                let good = lastGood(subject, before: day)
                text +=
                    good.ordinal == Int32.min
                    ? " and had no good calibration before" : "; its last good calibration was \(good)"
                if let record, let user = recordUsing(subject, from: record) {
                    text += "; \(network.id(of: user)) of \(network.recordDate[user.int]) used it in this chain"
                }
            } else {
                text += ", and this chain used it after its last good calibration"
            }
            return text
        case .unanchored:
            return
                "record \(recordID) has no references and \(network.id(of: item)) (\(network.itemKind[item.int].rawValue)) is not an anchor: the chain ends outside the SI"
        case .cycle:
            return
                "record \(recordID) depends on itself: its chain loops back through same-day calibrations or its own item"
        case .referenceNoRecord:
            return "\(referenceText()) had no calibration in force on \(dateText)"
        case .referenceExpired:
            let used = usedRecord().map { " record \(network.id(of: $0))" } ?? ""
            return "\(referenceText())\(used) was due on \(code.day?.description ?? ""), before its use on \(dateText)"
        case .referenceInvalid:
            guard let used = usedRecord() else { return "\(referenceText()) was not valid on \(dateText)" }
            let cause = ownFindings(used).first { $0.severity == .error }.map { " (\($0.rule.id))" } ?? " (upstream)"
            return "\(referenceText())'s record \(network.id(of: used)) was not sound on \(dateText)\(cause)"
        case .referenceOutOfService:
            let state = subject.map { network.state(of: $0, at: date ?? Day(ordinal: 0)).state } ?? .outOfTolerance
            let when = code.day.map { " since \($0)" } ?? ""
            return
                "\(referenceText()) was \(state == .retired ? "retired" : "out of tolerance")\(when) when used on \(dateText)"
        case .referenceVerdictFail:
            let used = usedRecord().map { network.id(of: $0) } ?? "?"
            return "\(referenceText())'s record in force \(used) had verdict fail when used on \(dateText)"
        case .referenceAnchorInvalid:
            let kind = subject.map { network.itemKind[$0.int].rawValue } ?? "anchor"
            let state = subject.map { anchorState($0, at: date ?? Day(ordinal: 0)) }
            let why = state == .notRecognized ? "not recognised\(subject.map(recognitionText) ?? "")" : "out of service"
            return "\(referenceText()) (\(kind)) was \(why) on \(dateText) and had no calibration in force"
        case .referenceOutOfRange:
            guard let subject else { return "reference used outside its calibrated range" }
            let rows: ArraySlice<PointRow>
            var whose = ""
            if let used = usedRecord(), anchorState(subject, at: date!) != .valid {
                rows = network.pointRows(of: used)
                whose = "its record \(network.id(of: used)) calibrated"
            } else {
                rows = network.anchorRows(of: subject)
                whose = "it realises"
            }
            let low = rows.map(\.nominal).min() ?? .nan
            let high = rows.map(\.nominal).max() ?? .nan
            return
                "\(referenceText()) was used at \(value(code.value, of: subject)), outside the \(value(low, of: subject)) … \(value(high, of: subject)) \(whose)"
        case .labNotAccredited:
            let lab = network.labs[network.recordLab[record!.int].int]
            let windows = lab.accreditations.map { "\($0.scheme) \($0.window)" }.joined(separator: "; ")
            return "lab \(lab.id) held no accreditation on \(dateText)"
                + (windows.isEmpty ? " (none recorded)" : " (\(windows))")
        case .labOutOfScope:
            let lab = network.id(of: network.recordLab[record!.int])
            let what = "\(network.quantity(of: item).name) \(network.activity(of: record!).rawValue)"
            let scope = scopeText(record!)
            if code.detail < 0 {
                return "lab \(lab) had no approved capability for \(what) on \(dateText)\(scope)"
            }
            return
                "\(pointName(code.detail)) lies outside every capability of lab \(lab) for \(what) on \(dateText)\(scope)"
        case .belowCMC:
            let (found, limit) = distinct(code.value, code.limit, of: item)
            return
                "\(pointName(code.detail)): u = \(found) is below the lab's CMC of u = \(limit) (compared as standard uncertainties)"
        case .belowChainUncertainty:
            let (found, limit) = distinct(code.value, code.limit, of: item)
            return
                "\(pointName(code.detail)): stated U = \(found) is below the \(limit) its references and budget carry: the certificate claims better than its chain supports"
        case .testUncertaintyRatio:
            return
                "\(pointName(code.detail)): test uncertainty ratio \(NumberFormatting.significant(code.value, digits: 2)):1 is below \(NumberFormatting.shortest(code.limit)):1 (tolerance / U)"
        case .intervalTooLong:
            return
                "record \(recordID) runs \(dateText) → \(code.day?.description ?? ""), longer than the policy's \(Int(code.value)) months for \(network.itemKind[item.int].withArticle)"
        }

    }

    /// Two uncertainties with enough digits to show how much they differ (`22.22 µV`
    /// against `22.36 µV`, not `22 µV` twice): at least two significant digits, and enough
    /// that rounding moves each by less than half their difference (at most six).
    func distinct(_ a: Double, _ b: Double, of item: ItemIndex) -> (String, String) {
        let unit = network.unit(of: item)
        let relative = abs(a - b) / max(abs(a), abs(b))
        var digits = 2
        if relative > 0, relative.isFinite {
            var step = 10.0  // 10^(digits − 1)
            while step < 2 / relative, digits < 6 {
                digits += 1
                step *= 10
            }
        }
        while true {
            let texts = (
                ValueFormatting.format(a, unit: unit, scale: .interval, digits: digits),
                ValueFormatting.format(b, unit: unit, scale: .interval, digits: digits)
            )
            if texts.0 != texts.1 || digits >= 6 { return texts }
            digits += 1
        }
    }

    /// The record of the chain below `record` (itself included) that used `standard`
    /// directly: the one whose use made the chain suspect.
    func recordUsing(_ standard: ItemIndex, from record: RecordIndex) -> RecordIndex? {
        var queue = [record]
        var seen: Set<RecordIndex> = [record]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for reference in network.referenceRows(of: next) {
                if reference.item == standard { return next }
                if case .record(let used) = network.resolve(reference, of: next), seen.insert(used).inserted {
                    queue.append(used)
                }
            }
        }
        return nil
    }

    /// The lab's capabilities for the record's quantity and activity, with their dates:
    /// `; its capabilities for that: 1 N·m … 500 N·m (2000-01-01 → 2026-03-31), 1 N·m …
    /// 1000 N·m (from 2026-04-01)`, so that one sees which ended or began when.
    func scopeText(_ record: RecordIndex) -> String {
        let item = network.recordItem[record.int]
        let quantity = network.itemQuantity[item.int]
        let activity = network.recordActivity[record.int]
        let rows = network.capabilityRows(of: network.recordLab[record.int]).filter {
            $0.quantity == quantity && $0.activity == activity
        }
        guard !rows.isEmpty else { return "; it has none for that at any date" }
        let unit = network.unit(of: item)
        let parts = rows.prefix(4).map { row -> String in
            let range =
                "\(ValueFormatting.format(row.lower, unit: unit, scale: .absolute)) … \(ValueFormatting.format(row.upper, unit: unit, scale: .absolute))"
            let window: String =
                switch (row.window.from, row.window.to) {
                case (let from?, let to?): "\(from) → \(to)"
                case (let from?, nil): "from \(from)"
                case (nil, let to?): "until \(to)"
                case (nil, nil): "always"
                }
            return "\(range) (\(window))"
        }
        return "; its capabilities for that: " + parts.joined(separator: ", ") + (rows.count > 4 ? ", …" : "")
    }

    func recognitionText(_ item: ItemIndex) -> String {
        let rows = network.recognitionRows(of: item)
        guard !rows.isEmpty else { return "" }
        let windows = rows.map {
            "\(network.strings[$0.scheme]) \($0.window)"
        }
        return " (" + windows.joined(separator: "; ") + ")"
    }
}
