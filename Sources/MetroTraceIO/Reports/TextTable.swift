import MetroTrace

/// A plain-text table whose columns line up on a terminal, counting East Asian wide
/// characters (Chinese names) as two columns.
public struct TextTable: Sendable {
    /// The column headings.
    public var headings: [String]
    /// The rows, one string per column.
    public var rows: [[String]] = []

    /// Creates an empty table with headings.
    public init(headings: [String]) { self.headings = headings }

    /// Adds a row.
    public mutating func append(_ row: [String]) { rows.append(row) }

    /// The table as lines, columns separated by two spaces, trailing spaces trimmed.
    ///
    /// Each cell's width is measured once (a national check prints a million rows).
    public func rendered() -> String {
        let lines = [headings] + rows
        let cellWidths = lines.map { $0.map(TextTable.displayWidth) }
        var widths = cellWidths[0]
        for row in cellWidths.dropFirst() {
            for (i, width) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], width) }
        }
        var text = ""
        text.reserveCapacity((widths.reduce(0, +) + 2 * widths.count + 1) * (rows.count + 1))
        for (cells, cellWidths) in zip(lines, cellWidths) {
            var pending = 0  // Padding owed before the next cell; dropped at the line's end.
            for (i, cell) in cells.enumerated() {
                if pending > 0 { text.append(String(repeating: " ", count: pending)) }
                text.append(cell)
                pending = i + 1 < cells.count ? widths[i] - cellWidths[i] + 2 : 0
            }
            // A cell that itself ends in spaces is trimmed too.
            while text.hasSuffix(" ") { text.removeLast() }
            text.append("\n")
        }
        return text
    }

    /// The number of terminal columns `text` takes (`TextWidth.columns(_:)` of the core).
    public static func displayWidth(_ text: String) -> Int { TextWidth.columns(text) }
}
