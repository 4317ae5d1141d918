import MetroTrace

/// Results, references, statements and what is left unmapped.
extension DCCMapping {
    /// A value of a result quantity and where it stands.
    struct ResultValue {
        var value: DSIValue
        /// Whether its quantity is marked as the nominal or reference value of its list.
        var isNominal: Bool
        /// The list (or data element) it belongs to; nominal and measured values pair
        /// up within one.
        var group: String
    }

    /// Every D-SI value under `dcc:measurementResults/…/dcc:results`, in document order.
    mutating func resultValues() -> [ResultValue] {
        var values: [ResultValue] = []
        guard let results = root.child("measurementResults", in: Self.dcc) else {
            fail("the mandatory element dcc:measurementResults is missing", at: root)
            return []
        }
        for measurementResult in results.children("measurementResult", in: Self.dcc) {
            let resultLists = measurementResult.children("results", in: Self.dcc)
            if resultLists.count > 1 {
                fail(
                    "dcc:results appears \(resultLists.count) times in dcc:measurementResult; it holds one",
                    at: resultLists[1])
                continue
            }
            for result in resultLists.first?.children("result", in: Self.dcc) ?? [] {
                let data = result.children("data", in: Self.dcc)
                guard let first = data.first else {
                    fail("the mandatory element dcc:data is missing", at: result)
                    continue
                }
                guard data.count == 1 else {
                    fail("dcc:data appears \(data.count) times in dcc:result; a result holds one", at: data[1])
                    continue
                }
                collect(first, group: first.path, into: &values)
            }
            for conditions in measurementResult.allDescendants(named: "influenceConditions", in: Self.dcc) {
                unmapped.append(
                    (
                        conditions.path, conditions.line,
                        "influence conditions are not mapped (MetroTrace keeps no environment data)"
                    ))
            }
        }
        return values
    }

    mutating func collect(_ element: XMLTreeElement, group: String, into values: inout [ResultValue]) {
        for child in element.children where child.namespace == Self.dcc {
            switch child.name {
            case "list": collect(child, group: child.path, into: &values)
            case "quantity":
                let refType = child.attributes["refType"]?.lowercased() ?? ""
                let isNominal = refType.contains("nominal") || refType.contains("reference")
                var read = false
                for quantity in child.children where quantity.namespace == Self.si {
                    switch quantity.name {
                    case "real", "list", "realList", "realListXMLList", "hybrid":
                        do throws(DSIError) {
                            for value in try DSIValues.read(quantity) {
                                values.append(ResultValue(value: value, isNominal: isNominal, group: group))
                            }
                        } catch {
                            fail(
                                error.message,
                                at: XMLTreeElement(
                                    name: quantity.name, namespace: nil, attributes: [:], children: [],
                                    text: "", line: error.line, path: error.path))
                        }
                        read = true
                    default:
                        unmapped.append(
                            (quantity.path, quantity.line, "si:\(quantity.name) is not mapped (only real values are)"))
                    }
                }
                if !read, child.child("noQuantity", in: Self.dcc) == nil,
                    child.children.contains(where: { $0.namespace == Self.si }) == false
                {
                    unmapped.append((child.path, child.line, "the quantity holds no D-SI value"))
                }
            default: continue
            }
        }
    }

    /// Points: values of the item's dimension with an uncertainty, each paired with the
    /// nominal value of its list when the list marks one per value.
    mutating func points(_ values: [ResultValue], dimension: Dimension?) -> [CalibrationPoint] {
        var points: [CalibrationPoint] = []
        var groups: [String] = []
        for value in values where !groups.contains(value.group) { groups.append(value.group) }
        for group in groups {
            let members = values.filter { $0.group == group }
            let nominals = members.filter(\.isNominal).map(\.value)
            let measured = members.filter { !$0.isNominal }.map(\.value)
            for (index, value) in measured.enumerated() {
                guard value.value.dimension == dimension else {
                    unmapped.append((value.path, 0, "\(value.value) is not a value of the item's quantity; not mapped"))
                    continue
                }
                guard let expanded = value.expanded else {
                    unmapped.append((value.path, 0, "\(value.value) states no uncertainty; not mapped"))
                    continue
                }
                let nominal =
                    nominals.count == measured.count && nominals[index].value.dimension == dimension
                    ? nominals[index].value : value.value
                points.append(CalibrationPoint(nominal: nominal, value: value.value, expanded: expanded))
            }
        }
        return points
    }

    // MARK: References

    /// The measuring equipment used, matched to the dataset's items (created when missing).
    mutating func references(dimension: Dimension?, points: [CalibrationPoint], calibrationLab: String) -> [Reference] {
        var references: [Reference] = []
        let equipment =
            (root.child("measurementResults", in: Self.dcc)?.children("measurementResult", in: Self.dcc) ?? [])
            .flatMap {
                $0.child("measuringEquipments", in: Self.dcc)?.children("measuringEquipment", in: Self.dcc) ?? []
            }
        for element in equipment {
            let names = Self.texts(element.child("name", in: Self.dcc))
            let keys = Self.identifications(element) + names
            let known = dataset.items + result.createdItems
            var item = keys.lazy.compactMap { key in known.first { $0.id == key } }.first
            if item == nil {
                guard let id = keys.first, let dimension, let unit = points.first?.nominal.unit,
                    let quantity = Self.quantityName(for: dimension)
                else {
                    unmapped.append(
                        (
                            element.path, element.line,
                            "measuring equipment without identification, or with no result to tell its quantity by; not mapped"
                        ))
                    continue
                }
                let created = Item(
                    id: id, name: names.first ?? id, kind: .workingStandard, quantity: quantity, unit: unit,
                    lab: calibrationLab)
                result.createdItems.append(created)
                result.warning(
                    "measuring equipment \"\(id)\" is not in the dataset; created as a working standard of \(calibrationLab) with no record, so the chain shows it untraced",
                    path: element.path, line: element.line)
                item = created
            }
            guard let item else { continue }
            if item.unit.dimension == dimension, !points.isEmpty {
                references.append(Reference(item: item.id, usedAt: .eachPoint))
                continue
            }
            // Another quantity (a thermometer in a pressure calibration): its sensitivity is
            // not stated, so its uncertainty is not propagated.
            let usedAt =
                equipmentValue(element, dimension: item.unit.dimension) ?? item.range?.lower
                ?? QuantityValue(0, item.unit, scale: .absolute)
            let sensitivityDimension = (dimension ?? item.unit.dimension) / item.unit.dimension
            references.append(
                Reference(item: item.id, sensitivity: QuantityValue(si: 0, dimension: sensitivityDimension), at: usedAt)
            )
            unmapped.append(
                (
                    element.path, element.line,
                    "\(item.id) measures another quantity and the certificate states no sensitivity coefficient: it is kept as a reference with sensitivity 0, its uncertainty not propagated"
                ))
        }
        return references
    }

    /// A value of `dimension` the certificate gives for a piece of equipment.
    func equipmentValue(_ element: XMLTreeElement, dimension: Dimension) -> QuantityValue? {
        let quantities =
            element.child("measuringEquipmentQuantities", in: Self.dcc)?.children(
                "measuringEquipmentQuantity", in: Self.dcc) ?? []
        for quantity in quantities {
            for child in quantity.children where child.namespace == Self.si {
                if let values = try? DSIValues.read(child),
                    let value = values.first(where: { $0.value.dimension == dimension })
                {
                    return value.value
                }
            }
        }
        return nil
    }

    // MARK: Statements

    /// The conformity verdict and the recalibration date the statements give.
    mutating func statements(_ administrative: XMLTreeElement, begin: Day) -> (Verdict?, Day?) {
        var verdict: Verdict?
        var due: Day?
        for statement in administrative.child("statements", in: Self.dcc)?.children("statement", in: Self.dcc) ?? [] {
            var mapped = false
            let conformities =
                [statement.child("conformity", in: Self.dcc)?.text].compactMap { $0 }
                + DSIValues.tokens(statement.child("conformityXMLList", in: Self.dcc))
            for conformity in conformities {
                switch conformity {
                case "pass", "conditionalPass", "noFail": verdict = verdict ?? .pass
                case "fail", "conditionalFail", "noPass": verdict = .fail
                default:
                    fail(
                        "unknown conformity \"\(conformity)\"; expected pass, fail, conditionalPass, conditionalFail, noPass or noFail",
                        at: statement)
                }
                mapped = true
            }
            if Self.isRecalibration(statement) {
                if let dateElement = statement.child("date", in: Self.dcc) {
                    due = date(dateElement)
                    mapped = true
                } else if let period = statement.child("period", in: Self.dcc) {
                    if let months = Self.months(period.text) {
                        due = begin.adding(months: months.months).advanced(by: months.days - 1)
                        mapped = true
                    } else {
                        unmapped.append(
                            (
                                period.path, period.line,
                                "period \"\(period.text)\" is not a duration in years, months and days"
                            ))
                    }
                }
            }
            if !mapped {
                unmapped.append(
                    (
                        statement.path, statement.line,
                        "statement not mapped (neither a conformity nor a recalibration date)"
                    ))
            }
        }
        return (verdict, due)
    }

    /// Whether a statement is about recalibration (by its refType or its declaration).
    static func isRecalibration(_ statement: XMLTreeElement) -> Bool {
        let refType = statement.attributes["refType"]?.lowercased() ?? ""
        if ["recalibration", "nextcalibration", "calibrationdue", "validuntil", "validity"].contains(
            where: refType.contains)
        {
            return true
        }
        let declaration =
            (statement.child("declaration", in: dcc)?.allDescendants(named: "content", in: dcc).map(\.text) ?? [])
            .joined(separator: " ").lowercased()
        return ["recalibrat", "rekalibrier", "next calibration", "复校", "再校准"].contains(where: declaration.contains)
    }

    /// Months and days of an xs:duration without a time part (`P1Y`, `P6M`, `P1Y2M10D`).
    static func months(_ duration: String) -> (months: Int, days: Int)? {
        guard duration.hasPrefix("P"), !duration.contains("T") else { return nil }
        var months = 0, days = 0, number = ""
        for character in duration.dropFirst() {
            if character.isNumber {
                number.append(character)
                continue
            }
            guard let value = Int(number) else { return nil }
            switch character {
            case "Y": months += 12 * value
            case "M": months += value
            case "D": days += value
            default: return nil
            }
            number = ""
        }
        return number.isEmpty && (months > 0 || days > 0) ? (months, days) : nil
    }

    /// The first method's norm (`JJG 99-2022`, `EURAMET cg-18`), as the procedure.
    func procedure() -> String? {
        let methods =
            root.child("measurementResults", in: Self.dcc)?.children("measurementResult", in: Self.dcc)
            .flatMap { $0.child("usedMethods", in: Self.dcc)?.children("usedMethod", in: Self.dcc) ?? [] } ?? []
        return methods.lazy.compactMap { $0.child("norm", in: Self.dcc)?.text }.first { !$0.isEmpty }
    }

    mutating func reportUnmapped() {
        for note in unmapped { result.warning(note.message, path: note.path, line: note.line == 0 ? nil : note.line) }
    }
}
