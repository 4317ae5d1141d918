import MetroTrace

/// Building HTML-like Graphviz labels with their text escaped (`&`, `<`, `>`, `"`),
/// line breaks as `<BR/>`.
public enum GraphvizLabelText {
    /// Text escaped for an HTML-like label.
    public static func escape(_ text: String) -> String {
        ASCIIReplacement.apply(.html, to: text)
    }

    /// Text broken into lines of at most `width` columns — at spaces, between Chinese
    /// characters, inside a word only when it alone is longer (`TextWidth.lines` of the
    /// core) — so that notes do not widen a box or edge label (a browser sets text a
    /// little wider than Graphviz measures it; on short lines that stays inside the
    /// box's margin).
    public static func wrapped(_ text: String, width: Int) -> [String] {
        TextWidth.lines(text, width: width)
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
