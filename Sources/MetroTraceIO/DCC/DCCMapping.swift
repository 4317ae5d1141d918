import MetroTrace

/// The mapping of one certificate's tree to a record, with the items and labs it needs.
struct DCCMapping {
    static let dcc = DCCImporter.dcc
    static let si = DCCImporter.si

    let root: XMLTreeElement
    let dataset: Dataset
    var result: DCCImportResult
    private(set) var errors = 0
    /// Parts of the certificate not mapped, reported once the record stands.
    var unmapped: [(path: String, line: Int, message: String)] = []

    init(root: XMLTreeElement, dataset: Dataset, result: DCCImportResult) {
        self.root = root
        self.dataset = dataset
        self.result = result
    }

    mutating func fail(_ message: String, at element: XMLTreeElement) {
        result.error(message, path: element.path, line: element.line)
        errors += 1
    }

    mutating func required(_ parent: XMLTreeElement, _ name: String) -> XMLTreeElement? {
        guard let child = parent.child(name, in: Self.dcc) else {
            fail("the mandatory element dcc:\(name) is missing", at: parent)
            return nil
        }
        return child
    }

    mutating func date(_ element: XMLTreeElement) -> Day? {
        // xs:date may carry a time zone (2020-06-17Z, 2020-06-17+02:00): the day is what counts.
        let zone = element.text.dropFirst(10)
        let zoneIsValid = zone.isEmpty || zone == "Z" || zone.wholeMatch(of: #/[+-](0\d|1[0-4]):[0-5]\d/#) != nil
        guard element.text.count >= 10, zoneIsValid, let day = Day(iso: element.text.prefix(10)) else {
            fail("\"\(element.text)\" is not a date (YYYY-MM-DD, optionally with a time zone)", at: element)
            return nil
        }
        guard day >= Day.earliest, day <= Day.latest else {
            fail("date \(day) is implausible; dates must lie between \(Day.earliest) and \(Day.latest)", at: element)
            return nil
        }
        return day
    }

    /// The texts of the `dcc:content` children of `element` (a dcc:textType).
    static func texts(_ element: XMLTreeElement?) -> [String] {
        element?.children("content", in: dcc).map(\.text).filter { !$0.isEmpty } ?? []
    }

    /// The identification values of an item or equipment, manufacturer's first.
    static func identifications(_ element: XMLTreeElement) -> [String] {
        let all = element.child("identifications", in: dcc)?.children("identification", in: dcc) ?? []
        let ranked = all.sorted { rank($0) < rank($1) }
        return ranked.compactMap { $0.child("value", in: dcc)?.text }.filter { !$0.isEmpty }
    }

    static func rank(_ identification: XMLTreeElement) -> Int {
        switch identification.child("issuer", in: dcc)?.text {
        case "manufacturer": 0
        case "owner": 1
        case "customer": 2
        default: 3
        }
    }

    // MARK: The record

    mutating func map() {
        guard let administrative = required(root, "administrativeData"),
            let core = required(administrative, "coreData"),
            let identifier = required(core, "uniqueIdentifier"),
            let beginElement = required(core, "beginPerformanceDate")
        else { return }
        guard !identifier.text.isEmpty else {
            fail("dcc:uniqueIdentifier is empty", at: identifier)
            return
        }
        let begin = date(beginElement)
        if let endElement = core.child("endPerformanceDate", in: Self.dcc), let end = date(endElement), let begin,
            end < begin
        {
            fail("dcc:endPerformanceDate \(end) is before dcc:beginPerformanceDate \(begin)", at: endElement)
        }
        guard let itemsElement = required(administrative, "items") else { return }
        let itemElements = itemsElement.children("item", in: Self.dcc)
        guard let itemElement = itemElements.first else {
            fail("dcc:items names no dcc:item", at: itemsElement)
            return
        }
        let lab = labID(administrative)
        let values = resultValues()
        guard errors == 0, let begin, let lab else { return }

        let matchedItem = matchItem(itemElement)
        let dimension = matchedItem?.unit.dimension ?? values.first { $0.value.expanded != nil }?.value.value.dimension
        let points = self.points(values, dimension: dimension)
        var itemID: String
        if let matchedItem {
            itemID = matchedItem.id
        } else {
            guard
                let created = createItem(
                    itemElement, administrative: administrative, calibrationLab: lab, points: points)
            else { return }
            itemID = created.id
        }
        if itemElements.count > 1 {
            result.warning(
                "the certificate covers \(itemElements.count) items; the record is for the first, \(itemID)",
                path: itemsElement.path, line: itemsElement.line)
        }
        let references = self.references(dimension: dimension, points: points, calibrationLab: lab)
        let (verdict, due) = statements(administrative, begin: begin)
        guard errors == 0 else { return }
        let version = result.schemaVersion ?? "?"
        let file = result.file.split(separator: "/").last.map(String.init) ?? result.file
        result.record = CalibrationRecord(
            id: identifier.text, activity: .calibration, item: itemID, lab: lab, date: begin, due: due,
            procedure: procedure(), references: references, points: points, verdict: verdict,
            source: "DCC \(version) \(file)")
        if points.isEmpty {
            result.warning(
                "no result in the item's quantity with an uncertainty; the record has no points", path: root.path)
        }
        reportUnmapped()
    }

    // MARK: Lab and item

    /// The calibration lab's id in the dataset, created (with a warning) when missing.
    mutating func labID(_ administrative: XMLTreeElement) -> String? {
        guard let element = required(administrative, "calibrationLaboratory") else { return nil }
        let code = element.child("calibrationLaboratoryCode", in: Self.dcc)?.text
        let names = Self.texts(element.descendant("contact", "name", in: Self.dcc))
        if let lab = dataset.labs.first(where: { $0.id == code || names.contains($0.name) || names.contains($0.id) }) {
            return lab.id
        }
        guard let id = code.flatMap({ $0.isEmpty ? nil : $0 }) ?? names.first else {
            fail("dcc:calibrationLaboratory has neither a dcc:calibrationLaboratoryCode nor a name", at: element)
            return nil
        }
        if !result.createdLabs.contains(where: { $0.id == id }) {
            result.createdLabs.append(Lab(id: id, name: names.first ?? id, kind: .calibrationLab))
            result.warning(
                "calibration lab \"\(id)\" is not in the dataset; created as a calibration lab without accreditation or scope",
                path: element.path, line: element.line)
        }
        return id
    }

    func matchItem(_ element: XMLTreeElement) -> Item? {
        let keys = Self.identifications(element) + Self.texts(element.child("name", in: Self.dcc))
        for key in keys {
            if let item = dataset.items.first(where: { $0.id == key }) { return item }
        }
        return nil
    }

    /// An item for the certificate's calibrated item, which the dataset lacks.
    mutating func createItem(
        _ element: XMLTreeElement, administrative: XMLTreeElement, calibrationLab: String,
        points: [CalibrationPoint]
    ) -> Item? {
        let names = Self.texts(element.child("name", in: Self.dcc))
        guard let id = Self.identifications(element).first ?? names.first else {
            fail("the calibrated item has neither an identification nor a name", at: element)
            return nil
        }
        guard let unit = points.first?.nominal.unit else {
            fail(
                "item \"\(id)\" is not in the dataset and the certificate gives no result to tell its quantity by; add the item to the dataset first",
                at: element)
            return nil
        }
        guard let quantity = Self.quantityName(for: unit.dimension) else {
            fail(
                "item \"\(id)\" is not in the dataset and no kind of quantity has the dimension of \(unit.symbol); add the item first",
                at: element)
            return nil
        }
        let owner = ownerLab(administrative) ?? calibrationLab
        let item = Item(id: id, name: names.first ?? id, kind: .instrument, quantity: quantity, unit: unit, lab: owner)
        result.createdItems.append(item)
        result.warning(
            "item \"\(id)\" is not in the dataset; created as an instrument of \(quantity) owned by \(owner)",
            path: element.path, line: element.line)
        return item
    }

    /// The customer's lab, matched by name or created.
    mutating func ownerLab(_ administrative: XMLTreeElement) -> String? {
        guard let customer = administrative.child("customer", in: Self.dcc),
            let name = Self.texts(customer.child("name", in: Self.dcc)).first
        else { return nil }
        if let lab = dataset.labs.first(where: { $0.name == name || $0.id == name }) { return lab.id }
        if !result.createdLabs.contains(where: { $0.id == name }) {
            result.createdLabs.append(Lab(id: name, name: name, kind: .enterpriseLab))
            result.warning(
                "customer \"\(name)\" is not in the dataset; created as an enterprise lab owning the item",
                path: customer.path, line: customer.line)
        }
        return name
    }

    /// The kind of quantity for a dimension: the usual one where several share it.
    static func quantityName(for dimension: Dimension) -> String? {
        let preferred = [
            "mass", "length", "time", "temperature", "electric current", "amount of substance",
            "luminous intensity", "voltage", "resistance", "capacitance", "frequency", "pressure",
            "force", "energy", "power", "area", "volume", "volume flow", "mass flow", "density", "speed",
            "acceleration", "ratio",
        ]
        for name in preferred where QuantityKind.catalog[name]?.dimension == dimension { return name }
        return QuantityKind.catalog.values.filter { $0.dimension == dimension }.map(\.name).sorted().first
    }
}
