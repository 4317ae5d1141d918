import MetroTrace

/// A `Dataset` as a dataset document (format v1, `docs/dataset-format.md`): every
/// value written as the text it was read from (`59 mg`), so that reading the document
/// back gives the same dataset.
public enum DatasetJSON {
    /// The document's JSON text; optional fields are left out when they have no value.
    public static func document(_ dataset: Dataset, description: String? = nil) -> String {
        var members: [JSONOutputValue.Member] = [.init("metrotrace", .integer(1))]
        if !dataset.name.isEmpty { members.append(.init("name", .string(dataset.name))) }
        if let description { members.append(.init("description", .string(description))) }
        if !dataset.quantities.isEmpty {
            members.append(
                .init(
                    "quantities",
                    .array(
                        dataset.quantities.map {
                            .object(["name": .string($0.name), "unit": .string($0.unit)])
                        })))
        }
        if !dataset.labs.isEmpty { members.append(.init("labs", .array(dataset.labs.map(lab)))) }
        if !dataset.items.isEmpty { members.append(.init("items", .array(dataset.items.map(item)))) }
        if !dataset.calibrations.isEmpty {
            members.append(.init("calibrations", .array(dataset.calibrations.map(record))))
        }
        return JSONOutputValue.object(members).rendered() + "\n"
    }

    static func value(_ value: QuantityValue) -> JSONOutputValue { .string(value.description) }

    static func window(_ window: DateWindow, into members: inout [JSONOutputValue.Member]) {
        if let from = window.from { members.append(.init("from", .string(from.description))) }
        if let to = window.to { members.append(.init("to", .string(to.description))) }
    }

    static func rangeValue(_ range: QuantityRange) -> JSONOutputValue {
        .array([value(range.lower), value(range.upper)])
    }

    static func lab(_ lab: Lab) -> JSONOutputValue {
        var members: [JSONOutputValue.Member] = [
            .init("id", .string(lab.id)), .init("name", .string(lab.name)),
            .init("kind", .string(lab.kind.rawValue)),
        ]
        if let industry = lab.industry { members.append(.init("industry", .string(industry))) }
        if !lab.accreditations.isEmpty {
            members.append(
                .init(
                    "accreditations",
                    .array(
                        lab.accreditations.map { accreditation in
                            var fields: [JSONOutputValue.Member] = [.init("scheme", .string(accreditation.scheme))]
                            if let id = accreditation.id { fields.append(.init("id", .string(id))) }
                            window(accreditation.window, into: &fields)
                            return .object(fields)
                        })))
        }
        if !lab.capabilities.isEmpty {
            members.append(
                .init(
                    "capabilities",
                    .array(
                        lab.capabilities.map { capability in
                            var fields: [JSONOutputValue.Member] = [
                                .init("quantity", .string(capability.quantity)),
                                .init("activity", .string(capability.activity.rawValue)),
                                .init("range", rangeValue(capability.range)),
                            ]
                            if let cmc = capability.cmc {
                                var parts: [JSONOutputValue.Member] = []
                                if let absolute = cmc.absolute { parts.append(.init("absolute", value(absolute))) }
                                if cmc.relative != 0 || cmc.absolute == nil {
                                    parts.append(.init("relative", .number(cmc.relative)))
                                }
                                parts.append(.init("k", .number(cmc.k)))
                                parts.append(.init("combine", .string(cmc.combine.rawValue)))
                                fields.append(.init("cmc", .object(parts)))
                            }
                            window(capability.window, into: &fields)
                            return .object(fields)
                        })))
        }
        return .object(members)
    }

    static func expanded(_ expanded: ExpandedUncertainty, into members: inout [JSONOutputValue.Member]) {
        members.append(.init("U", value(expanded.value)))
        if let k = expanded.k { members.append(.init("k", .number(k))) }
        if let coverage = expanded.coverage { members.append(.init("coverage", .number(coverage))) }
        if let dof = expanded.dof { members.append(.init("dof", .number(dof))) }
    }

    static func item(_ item: Item) -> JSONOutputValue {
        var members: [JSONOutputValue.Member] = [
            .init("id", .string(item.id)), .init("name", .string(item.name)),
            .init("kind", .string(item.kind.rawValue)),
            .init("quantity", .string(item.quantity)), .init("unit", .string(item.unit.symbol)),
        ]
        if let lab = item.lab { members.append(.init("lab", .string(lab))) }
        if let range = item.range { members.append(.init("range", rangeValue(range))) }
        if let accuracyClass = item.accuracyClass { members.append(.init("class", .string(accuracyClass))) }
        if let serial = item.serial { members.append(.init("serial", .string(serial))) }
        if let tolerance = item.tolerance {
            var parts: [JSONOutputValue.Member] = []
            if let absolute = tolerance.absolute { parts.append(.init("absolute", value(absolute))) }
            if let relative = tolerance.relative { parts.append(.init("relative", .number(relative))) }
            members.append(.init("tolerance", .object(parts)))
        }
        if !item.recognized.isEmpty {
            members.append(
                .init(
                    "recognized",
                    .array(
                        item.recognized.map { recognition in
                            var fields: [JSONOutputValue.Member] = [.init("scheme", .string(recognition.scheme))]
                            window(recognition.window, into: &fields)
                            return .object(fields)
                        })))
        }
        if !item.uncertainty.isEmpty {
            members.append(
                .init(
                    "uncertainty",
                    .array(
                        item.uncertainty.map { entry in
                            var fields: [JSONOutputValue.Member] = [.init("nominal", value(entry.nominal))]
                            expanded(entry.expanded, into: &fields)
                            return .object(fields)
                        })))
        }
        if let drift = item.driftPerYear { members.append(.init("drift", .object(["perYear": value(drift)]))) }
        if !item.events.isEmpty {
            members.append(
                .init(
                    "events",
                    .array(
                        item.events.map {
                            .object(["date": .string($0.date.description), "state": .string($0.state.rawValue)])
                        })))
        }
        return .object(members)
    }

    static func record(_ record: CalibrationRecord) -> JSONOutputValue {
        var members: [JSONOutputValue.Member] = [
            .init("id", .string(record.id)), .init("activity", .string(record.activity.rawValue)),
            .init("item", .string(record.item)), .init("lab", .string(record.lab)),
            .init("date", .string(record.date.description)),
        ]
        if let due = record.due { members.append(.init("due", .string(due.description))) }
        if let procedure = record.procedure { members.append(.init("procedure", .string(procedure))) }
        if !record.references.isEmpty {
            members.append(
                .init(
                    "references",
                    .array(
                        record.references.map { reference in
                            let at: JSONOutputValue =
                                switch reference.at {
                                case .eachPoint: "nominal"
                                case .value(let used): value(used)
                                }
                            var fields: [JSONOutputValue.Member] = [
                                .init("item", .string(reference.item)), .init("at", at),
                            ]
                            if reference.sensitivity != .number(1) {
                                fields.append(.init("sensitivity", value(reference.sensitivity)))
                            }
                            return .object(fields)
                        })))
        }
        if !record.points.isEmpty {
            members.append(
                .init(
                    "points",
                    .array(
                        record.points.map { point in
                            var fields: [JSONOutputValue.Member] = [.init("nominal", value(point.nominal))]
                            if let measured = point.value { fields.append(.init("value", value(measured))) }
                            if let uncertainty = point.expanded { expanded(uncertainty, into: &fields) }
                            return .object(fields)
                        })))
        }
        if !record.budget.isEmpty {
            members.append(
                .init(
                    "budget",
                    .array(
                        record.budget.map { component in
                            var fields: [JSONOutputValue.Member] = [.init("name", .string(component.name))]
                            switch component.uncertainty {
                            case .standard(let u): fields.append(.init("u", value(u)))
                            case .halfWidth(let a, let distribution):
                                fields.append(.init("halfWidth", value(a)))
                                fields.append(.init("distribution", .string(distribution.rawValue)))
                            }
                            if let dof = component.dof { fields.append(.init("dof", .number(dof))) }
                            if let type = component.type { fields.append(.init("type", .string(type.rawValue))) }
                            if component.sensitivity != .number(1) {
                                fields.append(.init("sensitivity", value(component.sensitivity)))
                            }
                            return .object(fields)
                        })))
        }
        if let verdict = record.verdict { members.append(.init("verdict", .string(verdict.rawValue))) }
        if let source = record.source { members.append(.init("source", .string(source))) }
        return .object(members)
    }
}
