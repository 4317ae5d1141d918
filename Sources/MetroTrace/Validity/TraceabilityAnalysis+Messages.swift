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
            text: given.map(LocalizedText.literal) ?? text(code, item: item, record: record), date: code.day,
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
                let points = others.map { LocalizedText.literal(String($0.detail + 1)) }
                finding.text = .joined([
                    finding.text,
                    .key(
                        "finding.likewise-at-points", ("count", .literal(String(points.count))),
                        ("points", .list(points))),
                ])
                finding.severity = max(finding.severity, others.map(\.severity).max() ?? finding.severity)
            }
            findings.append(finding)
        }
        return findings
    }

    /// Rules a record breaks point by point.
    static let pointRules: Set<Rule> = [.belowCMC, .belowChainUncertainty, .testUncertaintyRatio, .labOutOfScope]

    /// A finding's message as its facts: a template of the catalogues and its arguments.
    func text(_ code: FindingCode, item: ItemIndex, record: RecordIndex?) -> LocalizedText {
        let subject = code.subjectIndex
        let recordID: LocalizedText = .literal(record.map { network.id(of: $0) } ?? "")
        let date = record.map { network.recordDate[$0.int] }
        let dateText: LocalizedText = .literal(date?.description ?? "")
        let day: LocalizedText = .literal(code.day?.description ?? "")
        let itemID: LocalizedText = .literal(network.id(of: item))
        func value(_ si: Double, of item: ItemIndex, scale: ValueScale = .absolute, digits: Int? = nil) -> LocalizedText
        {
            .literal(ValueFormatting.format(si, unit: network.unit(of: item), scale: scale, digits: digits))
        }
        func point(_ index: Int32) -> PointRow? {
            guard let record, index >= 0 else { return nil }
            let rows = network.pointRows(of: record)
            return Int(index) < rows.count ? rows[rows.startIndex + Int(index)] : nil
        }
        func pointName(_ index: Int32) -> LocalizedText {
            guard let row = point(index) else { return "" }
            return .key(
                "finding.point", ("number", .literal(String(index + 1))), ("nominal", value(row.nominal, of: item)))
        }
        func referenceText() -> LocalizedText {
            guard let subject else { return .key("finding.the-reference") }
            return .key("finding.reference", ("id", .literal(network.id(of: subject))))
        }
        func usedRecord() -> RecordIndex? {
            guard let subject, let date else { return nil }
            return network.recordInForce(subject, at: date)
        }
        func kind(_ item: ItemIndex) -> LocalizedText { .key("kind." + network.itemKind[item.int].rawValue) }
        func kindWithArticle(_ item: ItemIndex) -> LocalizedText {
            .key("kind." + network.itemKind[item.int].rawValue + ".with-article")
        }
        func state(_ state: ItemState) -> LocalizedText {
            .key(state == .retired ? "state.retired" : "state.out-of-tolerance")
        }
        func activity(_ record: RecordIndex) -> LocalizedText {
            .key("activity." + network.activity(of: record).rawValue)
        }

        switch code.rule {
        case .noRecordInForce:
            guard let first = network.records(of: item).first.map({ network.recordDate[$0.int] }) else {
                return .key("finding.record.none-in-force.no-record", ("date", day))
            }
            return .key("finding.record.none-in-force", ("date", day), ("first", .literal(first.description)))
        case .expired:
            return .key(
                "finding.record.expired", ("record", recordID), ("date", dateText), ("due", day),
                ("count", .literal(String(Int(code.value)))))
        case .noDueDate:
            return .key("finding.record.no-due-date", ("record", recordID), ("kind", kindWithArticle(item)))
        case .outOfService:
            let (itemState, since) = network.state(of: item, at: code.day ?? Day(ordinal: Int32.max))
            guard let since else {
                return .key("finding.item.out-of-service.undated", ("item", itemID), ("state", state(itemState)))
            }
            return .key(
                "finding.item.out-of-service", ("item", itemID), ("state", state(itemState)),
                ("since", .literal(since.description)))
        case .verdictFail:
            return .key("finding.record.verdict-fail", ("activity", activity(record!)), ("record", recordID))
        case .anchorNotRecognized:
            return .key(
                "finding.anchor.not-recognised", ("kind", kind(item)), ("item", itemID), ("date", day),
                ("recognition", .literal(recognitionText(item))))
        case .suspect:
            guard let subject, let found = code.day else {
                return .key("finding.record.suspect.unknown", ("found", day))
            }
            let cause: LocalizedText = .literal(network.id(of: subject))
            var pieces: [LocalizedText] = [
                .key("finding.record.suspect", ("found", .literal(found.description)), ("cause", cause))
            ]
            let good = lastGood(subject, before: found)
            pieces.append(
                good.ordinal == Int32.min
                    ? .key("finding.record.suspect.no-good")
                    : .key("finding.record.suspect.last-good", ("good", .literal(good.description))))
            if let record, let user = recordUsing(subject, from: record) {
                pieces.append(
                    .key(
                        "finding.record.suspect.used-by", ("record", .literal(network.id(of: user))),
                        ("date", .literal(network.recordDate[user.int].description))))
            }
            return .joined(pieces)
        case .unanchored:
            return .key("finding.record.unanchored", ("record", recordID), ("item", itemID), ("kind", kind(item)))
        case .cycle:
            return .key("finding.record.cycle", ("record", recordID))
        case .referenceNoRecord:
            return .key("finding.reference.no-record", ("reference", referenceText()), ("date", dateText))
        case .referenceExpired:
            guard let used = usedRecord() else {
                return .key(
                    "finding.reference.expired.unknown-record", ("reference", referenceText()), ("due", day),
                    ("date", dateText))
            }
            return .key(
                "finding.reference.expired", ("reference", referenceText()), ("used", .literal(network.id(of: used))),
                ("due", day), ("date", dateText))
        case .referenceInvalid:
            guard let used = usedRecord() else {
                return .key("finding.reference.invalid.no-record", ("reference", referenceText()), ("date", dateText))
            }
            let cause: LocalizedText =
                ownFindings(used).first { $0.severity == .error }.map { .literal($0.rule.id) }
                ?? .key("finding.reference.invalid.upstream")
            return .key(
                "finding.reference.invalid", ("reference", referenceText()), ("used", .literal(network.id(of: used))),
                ("date", dateText), ("cause", cause))
        case .referenceOutOfService:
            let referenceState =
                subject.map { network.state(of: $0, at: date ?? Day(ordinal: 0)).state } ?? .outOfTolerance
            guard let since = code.day else {
                return .key(
                    "finding.reference.out-of-service.undated", ("reference", referenceText()),
                    ("state", state(referenceState)), ("date", dateText))
            }
            return .key(
                "finding.reference.out-of-service", ("reference", referenceText()), ("state", state(referenceState)),
                ("since", .literal(since.description)), ("date", dateText))
        case .referenceVerdictFail:
            let used = usedRecord().map { network.id(of: $0) } ?? "?"
            return .key(
                "finding.reference.verdict-fail", ("reference", referenceText()), ("used", .literal(used)),
                ("date", dateText))
        case .referenceAnchorInvalid:
            let anchorKind: LocalizedText = subject.map(kind) ?? .key("finding.anchor")
            let anchor = subject.map { anchorState($0, at: date ?? Day(ordinal: 0)) }
            let why: LocalizedText =
                anchor == .notRecognized
                ? .key(
                    "finding.anchor.why.not-recognised", ("recognition", .literal(subject.map(recognitionText) ?? "")))
                : .key("finding.anchor.why.out-of-service")
            return .key(
                "finding.reference.anchor-invalid", ("reference", referenceText()), ("kind", anchorKind),
                ("why", why), ("date", dateText))
        case .referenceOutOfRange:
            guard let subject else { return .key("finding.reference.out-of-range.unknown") }
            let rows: ArraySlice<PointRow>
            var calibrated: RecordIndex?
            if let used = usedRecord(), anchorState(subject, at: date!) != .valid {
                rows = network.pointRows(of: used)
                calibrated = used
            } else {
                rows = network.anchorRows(of: subject)
            }
            let low = value(rows.map(\.nominal).min() ?? .nan, of: subject)
            let high = value(rows.map(\.nominal).max() ?? .nan, of: subject)
            let used = value(code.value, of: subject)
            guard let calibrated else {
                return .key(
                    "finding.reference.out-of-range.realised", ("reference", referenceText()), ("value", used),
                    ("low", low), ("high", high))
            }
            return .key(
                "finding.reference.out-of-range", ("reference", referenceText()), ("value", used), ("low", low),
                ("high", high), ("record", .literal(network.id(of: calibrated))))
        case .labNotAccredited:
            let lab = network.labs[network.recordLab[record!.int].int]
            let windows = lab.accreditations.map { LocalizedText.literal("\($0.scheme) \($0.window)") }
            guard !windows.isEmpty else {
                return .key("finding.lab.not-accredited.none", ("lab", .literal(lab.id)), ("date", dateText))
            }
            return .key(
                "finding.lab.not-accredited", ("lab", .literal(lab.id)), ("date", dateText), ("windows", .list(windows))
            )
        case .labOutOfScope:
            let lab: LocalizedText = .literal(network.id(of: network.recordLab[record!.int]))
            let quantity = LocalizedText.quantity(network.quantity(of: item).name)
            let scope = scopeText(record!)
            if code.detail < 0 {
                return .key(
                    "finding.lab.out-of-scope", ("lab", lab), ("quantity", quantity), ("activity", activity(record!)),
                    ("date", dateText), ("scope", scope))
            }
            return .key(
                "finding.lab.out-of-scope.point", ("point", pointName(code.detail)), ("lab", lab),
                ("quantity", quantity), ("activity", activity(record!)), ("date", dateText), ("scope", scope))
        case .belowCMC:
            let (found, limit) = distinct(code.value, code.limit, of: item)
            return .key(
                "finding.record.below-cmc", ("point", pointName(code.detail)), ("found", .literal(found)),
                ("limit", .literal(limit)))
        case .belowChainUncertainty:
            let (found, limit) = distinct(code.value, code.limit, of: item)
            return .key(
                "finding.record.below-chain-uncertainty", ("point", pointName(code.detail)), ("found", .literal(found)),
                ("limit", .literal(limit)))
        case .testUncertaintyRatio:
            return .key(
                "finding.record.test-uncertainty-ratio", ("point", pointName(code.detail)),
                ("ratio", .literal(NumberFormatting.significant(code.value, digits: 2))),
                ("limit", .literal(NumberFormatting.shortest(code.limit))))
        case .intervalTooLong:
            return .key(
                "finding.record.interval-too-long", ("record", recordID), ("date", dateText), ("due", day),
                ("months", .literal(String(Int(code.value)))), ("kind", kindWithArticle(item)))
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
    func scopeText(_ record: RecordIndex) -> LocalizedText {
        let item = network.recordItem[record.int]
        let quantity = network.itemQuantity[item.int]
        let activity = network.recordActivity[record.int]
        let rows = network.capabilityRows(of: network.recordLab[record.int]).filter {
            $0.quantity == quantity && $0.activity == activity
        }
        guard !rows.isEmpty else { return .key("finding.lab.scope.none") }
        let unit = network.unit(of: item)
        var parts = rows.prefix(4).map { row -> LocalizedText in
            let range: LocalizedText = .literal(
                "\(ValueFormatting.format(row.lower, unit: unit, scale: .absolute)) … \(ValueFormatting.format(row.upper, unit: unit, scale: .absolute))"
            )
            let window: LocalizedText =
                switch (row.window.from, row.window.to) {
                case (let from?, let to?): .literal("\(from) → \(to)")
                case (let from?, nil): .key("window.from", ("from", .literal(from.description)))
                case (nil, let to?): .key("window.until", ("to", .literal(to.description)))
                case (nil, nil): .key("window.always")
                }
            return .key("finding.lab.scope.capability", ("range", range), ("window", window))
        }
        if rows.count > 4 { parts.append("…") }
        return .key("finding.lab.scope", ("capabilities", .list(parts)))
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
