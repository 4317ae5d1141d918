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
        var text = ""
        text.reserveCapacity((widths.reduce(0, +) + 2 * widths.count + 1) * (rows.count + 1))
        for (row, (line, lineWidths)) in zip(cells, cellWidths).enumerated() {
            var pending = 0  // Padding owed before the next cell; dropped at the line's end.
            for (i, cell) in line.enumerated() where !hidden.contains(i) {
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
    /// Chinese text (which has none), and inside a word only when it alone is too long.
    public static func wrap(_ text: String, width: Int?, indent: Int) -> String {
        guard let width, displayWidth(text) > width, width > indent + 10 else { return text }
        var lines: [String] = []
        // The first line keeps its own indentation.
        let leading = text.prefix { $0 == " " }
        var line = String(leading)
        var lineWidth = leading.count
        let limit = { lines.isEmpty ? width : width - indent }
        // Pieces: words with the space before them, and each wide character on its own.
        var pieces: [String] = []
        var word = ""
        for character in text.dropFirst(leading.count) {
            if character == " " {
                if !word.isEmpty { pieces.append(word) }
                word = " "
            } else if displayWidth(String(character)) == 2 {
                if !word.isEmpty { pieces.append(word) }
                pieces.append(String(character))
                word = ""
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { pieces.append(word) }
        for piece in pieces {
            let pieceWidth = displayWidth(piece)
            if lineWidth + pieceWidth > limit(), lineWidth > (lines.isEmpty ? leading.count : 0) {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            var rest = line.isEmpty && piece.hasPrefix(" ") ? String(piece.dropFirst()) : piece
            while displayWidth(rest) > limit() {
                let head = cutExactly(rest, to: limit() - lineWidth)
                lines.append(line + head)
                line = ""
                lineWidth = 0
                rest = String(rest.dropFirst(head.count))
            }
            line += rest
            lineWidth += displayWidth(rest)
        }
        if !line.isEmpty { lines.append(line) }
        let padding = String(repeating: " ", count: indent)
        return lines.enumerated().map { $0.offset == 0 ? $0.element : padding + $0.element }.joined(separator: "\n")
    }

    /// The longest start of `text` that fits `columns` (at least one character).
    static func cutExactly(_ text: String, to columns: Int) -> String {
        var result = ""
        var used = 0
        for character in text {
            let width = displayWidth(String(character))
            guard used + width <= columns || result.isEmpty else { break }
            result.append(character)
            used += width
        }
        return result
    }
}
