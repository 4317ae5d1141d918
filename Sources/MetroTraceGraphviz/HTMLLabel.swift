/// An HTML-like Graphviz label written piece by piece into one string: text escaped as
/// it is added, markup as given.
struct HTMLLabel {
    private(set) var markup: String
    private var fontOpen = false

    init(_ opening: String = "") {
        markup = opening
        markup.reserveCapacity(256)
    }

    /// Adds markup as it is.
    mutating func raw(_ html: String) { markup += html }

    /// Adds text, escaped.
    mutating func text(_ text: String) {
        if ASCIIReplacement.html.rewrites(text) {
            markup += HTMLText.escape(text)
        } else {
            markup += text
        }
    }

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
