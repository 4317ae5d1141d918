/// An HTML-like Graphviz label written piece by piece into one byte buffer: text escaped
/// as it is added, markup as given. (Appending to a `String` costs hundreds of
/// instructions per call; a chain diagram makes hundreds of appends.)
struct HTMLLabel: ~Copyable {
    private var bytes = ByteWriter(capacity: 1024)
    private var fontOpen = false

    init(_ opening: String = "") {
        bytes.append(opening)
    }

    /// The label's markup.
    var markup: String { bytes.text }

    /// Adds markup as it is.
    mutating func raw(_ html: String) { bytes.append(html) }

    /// Adds text, escaped.
    mutating func text(_ text: String) { ASCIIReplacement.html.append(text, to: &bytes) }

    /// Adds text in bold.
    mutating func bold(_ text: String) {
        raw("<B>")
        self.text(text)
        raw("</B>")
    }

    /// Opens a table row (`<TR><TD>`), in a smaller size or another colour when given.
    mutating func openRow(pointSize: Int? = nil, color: String? = nil) {
        raw("<TR><TD>")
        openFont(pointSize: pointSize, color: color)
    }

    /// Closes the row opened last.
    mutating func closeRow() {
        closeFont()
        raw("</TD></TR>")
    }

    /// Adds a table row holding `text`.
    mutating func row(_ text: String, pointSize: Int? = nil, color: String? = nil) {
        openRow(pointSize: pointSize, color: color)
        self.text(text)
        closeRow()
    }

    /// Opens a `<FONT>` with the attributes given, if any.
    mutating func openFont(pointSize: Int? = nil, color: String? = nil) {
        guard pointSize != nil || color != nil else { return }
        raw("<FONT")
        if let pointSize {
            raw(" POINT-SIZE=\"")
            raw(String(pointSize))
            raw("\"")
        }
        if let color {
            raw(" COLOR=\"")
            raw(color)
            raw("\"")
        }
        raw(">")
        fontOpen = true
    }

    /// Closes the `<FONT>` opened last, if any.
    mutating func closeFont() {
        if fontOpen { raw("</FONT>") }
        fontOpen = false
    }
}
