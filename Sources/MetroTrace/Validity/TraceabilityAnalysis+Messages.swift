extension TraceabilityAnalysis {
    /// A finding in words, for a metrologist.
    func render(_ code: FindingCode) -> Finding {
        let record = code.recordIndex
        let item = record.map { network.recordItem[$0.int] } ?? code.subjectIndex!
        return Finding(
            rule: code.rule, severity: code.severity, item: network.id(of: item),
            record: record.map { network.id(of: $0) },
            lab: record.map { network.id(of: network.recordLab[$0.int]) },
            reference: code.rule.id.hasPrefix("reference.") ? code.subjectIndex.map { network.id(of: $0) } : nil,
            message: message(code, item: item, record: record), date: code.day,
            cause: code.rule == .suspect ? code.subjectIndex.map { network.id(of: $0) } : nil)
    }

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
            return
                "suspect since \(code.day?.description ?? ""): \(cause) was found out of tolerance then, and this chain used it after its last good calibration"
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
            if code.detail < 0 {
                return "lab \(lab) had no approved capability for \(what) on \(dateText)"
            }
            return "\(pointName(code.detail)) lies outside every capability of lab \(lab) for \(what) on \(dateText)"
        case .belowCMC:
            return
                "\(pointName(code.detail)): u = \(value(code.value, of: item, scale: .interval, digits: 2)) is below the lab's CMC of u = \(value(code.limit, of: item, scale: .interval, digits: 2)) (compared as standard uncertainties)"
        case .belowChainUncertainty:
            return
                "\(pointName(code.detail)): stated U = \(value(code.value, of: item, scale: .interval, digits: 2)) is below the \(value(code.limit, of: item, scale: .interval, digits: 2)) its references and budget carry: the certificate claims better than its chain supports"
        case .testUncertaintyRatio:
            return
                "\(pointName(code.detail)): test uncertainty ratio \(NumberFormatting.significant(code.value, digits: 2)):1 is below \(NumberFormatting.shortest(code.limit)):1 (tolerance / U)"
        case .intervalTooLong:
            return
                "record \(recordID) runs \(dateText) → \(code.day?.description ?? ""), longer than the policy's \(Int(code.value)) months for \(network.itemKind[item.int].withArticle)"
        }

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
