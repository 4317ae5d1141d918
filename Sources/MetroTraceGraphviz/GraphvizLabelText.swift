import MetroTrace

/// Building HTML-like Graphviz labels with their text escaped (`&`, `<`, `>`, `"`),
/// line breaks as `<BR/>`.
public enum GraphvizLabelText {
    /// Text escaped for an HTML-like label.
    public static func escape(_ text: String) -> String {
        ASCIIReplacement.apply(.html, to: text)
    }

    /// Text broken at spaces into lines of at most `width` columns (a word longer than
    /// that stands on its own line), so that notes do not widen a box or edge label (a browser sets text a little wider
    /// than Graphviz measures it; on short lines that stays inside the box's margin).
    public static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let wordWidth = TextWidth.columns(word)
            if lineWidth > 0, lineWidth + 1 + wordWidth > width {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            if lineWidth > 0 {
                line += " "
                lineWidth += 1
            }
            line += word
            lineWidth += wordWidth
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// The text of an HTML-like label: tags removed, entities and line breaks restored.
    /// The inverse of ``escape(_:)`` for what a label shows.
    public static func plainText(_ html: String) -> String {
        var text = ""
        var inTag = false
        var tag = ""
        for character in html {
            if inTag {
                if character == ">" {
                    inTag = false
                    if tag.uppercased().hasPrefix("BR") { text += "\n" }
                } else {
                    tag.append(character)
                }
            } else if character == "<" {
                inTag = true
                tag = ""
            } else {
                text.append(character)
            }
        }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }
}
