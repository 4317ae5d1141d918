/// Building HTML-like Graphviz labels with their text escaped (`&`, `<`, `>`, `"`),
/// line breaks as `<BR/>`.
public enum GraphvizLabelText {
    /// Text escaped for an HTML-like label.
    public static func escape(_ text: String) -> String {
        ASCIIReplacement.apply(.html, to: text)
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
