/// What `metrotrace search` finds: items by id, name, serial number, model,
/// manufacturer, asset tag or owner lab, and records by certificate id.
public struct SearchResults: Sendable {
    /// Where a text was found on an item.
    public enum Field: String, CaseIterable, Sendable, Codable {
        case id, name, serial, model, manufacturer, assetTag, lab
    }

    /// An item found, with the first field that matched.
    public struct ItemMatch: Sendable {
        /// The item.
        public let item: ItemIndex
        /// Where the text was found.
        public let field: Field
    }

    /// The items found, exact id matches first, then in dataset order.
    public let items: [ItemMatch]
    /// The records whose id contains the text, in dataset order.
    public let records: [RecordIndex]
}

extension Network {
    /// Every item and record whose id, name, serial number, model, manufacturer, asset
    /// tag or owner lab (id or name) contains `text`, compared case-insensitively
    /// (Chinese included: it has no case, and matches as written).
    ///
    /// - Complexity: O(n·|text|) over the network's items and records.
    public func search(_ text: String) -> SearchResults {
        let needle = text.lowercased()
        guard !needle.isEmpty else { return SearchResults(items: [], records: []) }
        func has(_ value: String?) -> Bool { value.map { $0.lowercased().contains(needle) } ?? false }
        let labMatches = Set(
            (0..<Int32(labCount)).map(LabIndex.init).filter { has(id(of: $0)) || has(labModel($0).name) })
        var items: [SearchResults.ItemMatch] = []
        for item in itemIndices {
            let field: SearchResults.Field? =
                if has(id(of: item)) { .id } else if has(itemName(of: item)) { .name } else if has(serial(of: item)) {
                    .serial
                } else if has(model(of: item)) { .model } else if has(manufacturer(of: item)) {
                    .manufacturer
                } else if has(assetTag(of: item)) {
                    .assetTag
                } else if let lab = lab(of: item), labMatches.contains(lab) {
                    .lab
                } else { nil }
            if let field { items.append(SearchResults.ItemMatch(item: item, field: field)) }
        }
        // An exact id first: what the user most likely meant.
        if let exact = items.firstIndex(where: { id(of: $0.item).lowercased() == needle }), exact > 0 {
            items.insert(items.remove(at: exact), at: 0)
        }
        return SearchResults(items: items, records: recordIndices.filter { has(id(of: $0)) })
    }
}
