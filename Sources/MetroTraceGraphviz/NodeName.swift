/// The names of DOT nodes. Ids can be any text, so an item's node carries the prefix
/// `item:` and the node of an item at one of its records (when the item is drawn at
/// several) `record:`; the diagrams' own nodes (the legend, placeholders, groups) have
/// names with neither prefix, so that no id can take one of them and merge with it.
enum NodeName {
    /// The node of the item with id `id`.
    static func item(_ id: String) -> String { "item:" + id }
    /// The node of an item at the record with id `id`.
    static func record(_ id: String) -> String { "record:" + id }
    /// The legend's node.
    static let legend = "legend"
}
