import MetroTrace

/// A plain-text table whose columns line up on a terminal, counting East Asian wide
/// characters (Chinese names) as two columns; fitted to a width by cutting the widest
/// columns' cells with `…`, and coloured after the layout (escapes take no columns).
public struct TextTable: Sendable {
    /// The column headings.
    public var headings: [String]
    /// The rows, one string per column.
    public var rows: [[String]] = []
    /// The columns that may be cut to fit a width, most expendable first, each with the
    /// narrowest it may get (a column not listed is never cut).
    public var cuttable: [(column: Int, floor: Int)] = []
    /// The columns left out, in this order, when cutting alone does not fit the width.
    public var droppable: [Int] = []

    /// Creates an empty table with headings.
    public init(headings: [String]) { self.headings = headings }

    /// Adds a row.
    public mutating func append(_ row: [String]) { rows.append(row) }

    /// The table as lines, columns separated by two spaces, trailing spaces trimmed.
    ///
    /// Each cell's width is measured once (a national check prints a million rows).
    ///
    /// - Parameters:
    ///   - width: the columns to fit in; the ``cuttable`` columns are narrowed in their
    ///     order, each down to its floor at most, and their longer cells end in `…`; when
    ///     that is not enough, the ``droppable`` columns are left out in their order. Nil:
    ///     no limit.
    ///   - decorate: wraps a laid-out cell (row index, or -1 for the headings; column;
    ///     text), e.g. in colour escapes, which take no columns.
    public func rendered(width: Int? = nil, decorate: ((Int, Int, String) -> String)? = nil) -> String {
        let lines = [headings] + rows
        var cellWidths = lines.map { $0.map(TextTable.displayWidth) }
        var widths = cellWidths[0]
        for row in cellWidths.dropFirst() {
            for (i, width) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], width) }
        }
        var cells = lines
        var hidden: Set<Int> = []
        if let width {
            var limits = widths
            for dropped in 0...droppable.count {
                hidden = Set(droppable.prefix(dropped))
                limits = fitted(widths, to: width, hiding: hidden)
                if Self.total(limits, hiding: hidden) <= width { break }
            }
            for (i, limit) in limits.enumerated() where limit < widths[i] {
                for row in cells.indices where i < cells[row].count && cellWidths[row][i] > limit {
                    cells[row][i] = Self.cut(cells[row][i], to: limit)
                    cellWidths[row][i] = Self.displayWidth(cells[row][i])
                }
            }
            widths = limits
        }
        let shown = widths.indices.map { !hidden.contains($0) }
        var text = ""
        text.reserveCapacity((widths.reduce(0, +) + 2 * widths.count + 1) * (rows.count + 1))
        for (row, (line, lineWidths)) in zip(cells, cellWidths).enumerated() {
            var pending = 0  // Padding owed before the next cell; dropped at the line's end.
            for (i, cell) in line.enumerated() where i >= shown.count || shown[i] {
                if pending > 0 { text.append(String(repeating: " ", count: pending)) }
                text.append(decorate.map { $0(row - 1, i, cell) } ?? cell)
                pending = widths[i] - lineWidths[i] + 2
            }
            // A cell that itself ends in spaces is trimmed too.
            while text.hasSuffix(" ") { text.removeLast() }
            text.append("\n")
        }
        return text
    }

    /// The column widths that fit `width` with the `hidden` columns left out, or come
    /// closest: the cuttable columns narrowed in their order, each to its floor at most.
    func fitted(_ natural: [Int], to width: Int, hiding hidden: Set<Int>) -> [Int] {
        var widths = natural
        var excess = Self.total(widths, hiding: hidden) - width
        for (column, floor) in cuttable where excess > 0 && column < widths.count && !hidden.contains(column) {
            let cut = min(excess, max(0, widths[column] - max(floor, 2)))
            widths[column] -= cut
            excess -= cut
        }
        return widths
    }

    /// The width of a line: the shown columns and two spaces between each.
    static func total(_ widths: [Int], hiding hidden: Set<Int>) -> Int {
        let shown = widths.indices.filter { !hidden.contains($0) }
        return shown.reduce(0) { $0 + widths[$1] } + 2 * max(shown.count - 1, 0)
    }

    /// `text` cut to at most `columns` terminal columns, ending in `…` when cut.
    public static func cut(_ text: String, to columns: Int) -> String {
        guard displayWidth(text) > columns else { return text }
        var result = ""
        var used = 0
        for character in text {
            let width = displayWidth(String(character))
            guard used + width <= columns - 1 else { break }
            result.append(character)
            used += width
        }
        return result + "…"
    }

    /// The number of terminal columns `text` takes (`TextWidth.columns(_:)` of the core).
    public static func displayWidth(_ text: String) -> Int { TextWidth.columns(text) }

    /// `text` broken into lines of at most `width` columns (nil: one line), each after the
    /// first indented by `indent` spaces: at spaces where there are any, anywhere in
    /// Chinese text (which has none), and inside a word only when it alone is too long
    /// (`TextWidth.lines(_:width:continuation:)` of the core). The first line keeps its
    /// own leading spaces.
    public static func wrap(_ text: String, width: Int?, indent: Int) -> String {
        guard let width, displayWidth(text) > width, width > indent + 10 else { return text }
        let leading = String(text.prefix { $0 == " " })
        var lines = TextWidth.lines(
            String(text.dropFirst(leading.count)), width: width - leading.count, continuation: width - indent)
        lines[0] = leading + lines[0]
        let padding = String(repeating: " ", count: indent)
        return lines.enumerated().map { $0.offset == 0 ? $0.element : padding + $0.element }.joined(separator: "\n")
    }
}
