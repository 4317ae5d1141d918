import MetroTrace

/// A `Dataset` as a dataset document (format v1, `docs/dataset-format.md`): every value
/// written as the text it was read from (`59 mg`), so that reading the document back
/// gives the same dataset. Optional fields are left out when they have no value.
///
/// This is the one place that knows how each entity of the model is written as JSON:
/// documents written by imports go through it. It writes through ``JSONWriter``, which
/// escapes every string; the generator writes its synthetic networks through the same
/// writer.
public enum DatasetJSON {
    /// The document's JSON text, indented, or compact when not `pretty` (a store's
    /// revisions: half the bytes to keep, hash and read).
    public static func document(_ dataset: Dataset, description: String? = nil, pretty: Bool = true) -> String {
        var w = JSONWriter(pretty: pretty, capacity: 1 << 16)
        w.beginObject()
        w.key("metrotrace")
        w.integer(1)
        if !dataset.name.isEmpty { w.member("name", dataset.name) }
        if let description { w.member("description", description) }
        array("quantities", dataset.quantities, to: &w) { quantity, w in
            w.beginObject()
            w.member("name", quantity.name)
            w.member("unit", quantity.unit)
            w.endObject()
        }
        array("labs", dataset.labs, to: &w) { write($0, to: &$1) }
        array("items", dataset.items, to: &w) { write($0, to: &$1) }
        array("calibrations", dataset.calibrations, to: &w) { write($0, to: &$1) }
        w.endObject()
        // Documents written before end with an empty line; so do these, byte for byte.
        var bytes = w.take()
        bytes.append(contentsOf: pretty ? "\n\n".utf8 : "\n".utf8)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A member holding the array of `elements`, each written by `element`; left out when
    /// there are none.
    static func array<Element>(
        _ name: StaticString, _ elements: [Element], to w: inout JSONWriter,
        _ element: (Element, inout JSONWriter) -> Void
    ) {
        guard !elements.isEmpty else { return }
        w.key(name)
        w.beginArray()
        for value in elements { element(value, &w) }
        w.endArray()
    }

    /// A value as the text it is read from: `59 mg`.
    static func write(_ value: QuantityValue, to w: inout JSONWriter) { w.quantity(value) }

    static func member(_ name: StaticString, _ value: QuantityValue, to w: inout JSONWriter) {
        w.key(name)
        write(value, to: &w)
    }

    static func write(_ window: DateWindow, to w: inout JSONWriter) {
        if let from = window.from { w.member("from", from.description) }
        if let to = window.to { w.member("to", to.description) }
    }

    static func member(_ name: StaticString, _ range: QuantityRange, to w: inout JSONWriter) {
        w.key(name)
        w.beginArray()
        write(range.lower, to: &w)
        write(range.upper, to: &w)
        w.endArray()
    }

    /// A lab as a document's `labs` entry.
    public static func write(_ lab: Lab, to w: inout JSONWriter) {
        w.beginObject()
        w.member("id", lab.id)
        w.member("name", lab.name)
        w.member("kind", lab.kind.rawValue)
        if let industry = lab.industry { w.member("industry", industry) }
        array("accreditations", lab.accreditations, to: &w) { accreditation, w in
            w.beginObject()
            w.member("scheme", accreditation.scheme)
            if let id = accreditation.id { w.member("id", id) }
            write(accreditation.window, to: &w)
            w.endObject()
        }
        array("capabilities", lab.capabilities, to: &w) { capability, w in
            w.beginObject()
            w.member("quantity", capability.quantity)
            w.member("activity", capability.activity.rawValue)
            member("range", capability.range, to: &w)
            if let cmc = capability.cmc {
                w.key("cmc")
                w.beginObject()
                if let absolute = cmc.absolute { member("absolute", absolute, to: &w) }
                if cmc.relative != 0 || cmc.absolute == nil { w.member("relative", cmc.relative) }
                w.member("k", cmc.k)
                w.member("combine", cmc.combine.rawValue)
                w.endObject()
            }
            write(capability.window, to: &w)
            w.endObject()
        }
        w.endObject()
    }

    static func write(_ expanded: ExpandedUncertainty, to w: inout JSONWriter) {
        member("U", expanded.value, to: &w)
        if let k = expanded.k { w.member("k", k) }
        if let coverage = expanded.coverage { w.member("coverage", coverage) }
        if let dof = expanded.dof { w.member("dof", dof) }
    }

    /// An item as a document's `items` entry.
    public static func write(_ item: Item, to w: inout JSONWriter) {
        w.beginObject()
        w.member("id", item.id)
        w.member("name", item.name)
        w.member("kind", item.kind.rawValue)
        w.member("quantity", item.quantity)
        w.member("unit", item.unit.symbol)
        if let lab = item.lab { w.member("lab", lab) }
        if let range = item.range { member("range", range, to: &w) }
        if let accuracyClass = item.accuracyClass { w.member("class", accuracyClass) }
        if let serial = item.serial { w.member("serial", serial) }
        if let model = item.model { w.member("model", model) }
        if let manufacturer = item.manufacturer { w.member("manufacturer", manufacturer) }
        if let assetTag = item.assetTag { w.member("assetTag", assetTag) }
        if item.compulsory {
            w.key("compulsory")
            w.bool(true)
        }
        if let tolerance = item.tolerance {
            w.key("tolerance")
            w.beginObject()
            if let absolute = tolerance.absolute { member("absolute", absolute, to: &w) }
            if let relative = tolerance.relative { w.member("relative", relative) }
            w.endObject()
        }
        array("recognized", item.recognized, to: &w) { recognition, w in
            w.beginObject()
            w.member("scheme", recognition.scheme)
            write(recognition.window, to: &w)
            w.endObject()
        }
        array("uncertainty", item.uncertainty, to: &w) { entry, w in
            w.beginObject()
            member("nominal", entry.nominal, to: &w)
            write(entry.expanded, to: &w)
            w.endObject()
        }
        if let drift = item.driftPerYear {
            w.key("drift")
            w.beginObject()
            member("perYear", drift, to: &w)
            w.endObject()
        }
        array("events", item.events, to: &w) { event, w in
            w.beginObject()
            w.member("date", event.date.description)
            w.member("state", event.state.rawValue)
            w.endObject()
        }
        w.endObject()
    }

    /// A record as a document's `calibrations` entry.
    public static func write(_ record: CalibrationRecord, to w: inout JSONWriter) {
        w.beginObject()
        w.member("id", record.id)
        w.member("activity", record.activity.rawValue)
        w.member("item", record.item)
        w.member("lab", record.lab)
        w.member("date", record.date.description)
        if let due = record.due { w.member("due", due.description) }
        if let procedure = record.procedure { w.member("procedure", procedure) }
        array("references", record.references, to: &w) { reference, w in
            w.beginObject()
            w.member("item", reference.item)
            switch reference.at {
            case .eachPoint: w.member("at", "nominal")
            case .value(let used): member("at", used, to: &w)
            }
            if reference.sensitivity != .number(1) { member("sensitivity", reference.sensitivity, to: &w) }
            w.endObject()
        }
        array("points", record.points, to: &w) { point, w in
            w.beginObject()
            member("nominal", point.nominal, to: &w)
            if let measured = point.value { member("value", measured, to: &w) }
            if let uncertainty = point.expanded { write(uncertainty, to: &w) }
            w.endObject()
        }
        array("budget", record.budget, to: &w) { component, w in
            w.beginObject()
            w.member("name", component.name)
            switch component.uncertainty {
            case .standard(let u): member("u", u, to: &w)
            case .halfWidth(let a, let distribution):
                member("halfWidth", a, to: &w)
                w.member("distribution", distribution.rawValue)
            }
            if let dof = component.dof { w.member("dof", dof) }
            if let type = component.type { w.member("type", type.rawValue) }
            if component.sensitivity != .number(1) { member("sensitivity", component.sensitivity, to: &w) }
            w.endObject()
        }
        if let verdict = record.verdict { w.member("verdict", verdict.rawValue) }
        if let source = record.source { w.member("source", source) }
        w.endObject()
    }
}
