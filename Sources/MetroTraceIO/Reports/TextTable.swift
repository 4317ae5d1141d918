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

    /// The number of terminal columns `text` takes.
    public static func displayWidth(_ text: String) -> Int {
        // ASCII (most cells): one column per byte, but NUL takes none.
        var ascii = true
        var count = 0
        for byte in text.utf8 {
            if byte >= 0x80 {
                ascii = false
                break
            }
            if byte != 0 { count += 1 }
        }
        if ascii { return count }
        return text.unicodeScalars.reduce(0) { $0 + width(of: $1) }
    }

    static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 || (0x300...0x36F).contains(v) || (0x200B...0x200F).contains(v) || v == 0xFE0F { return 0 }
        return wideRanges.contains { $0.contains(v) } ? 2 : 1
    }

    /// East Asian wide and fullwidth blocks, and wide emoji.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
