/// Text for HTML pages (not Graphviz labels): `&`, `<`, `>` and `"` as entities.
enum HTMLPage {
    static func escape(_ text: String) -> String {
        ASCIIReplacement.apply(.htmlPage, to: text)
    }

    /// An SVG document as an element to embed in a page: the XML declaration, DOCTYPE and
    /// comments Graphviz writes before `<svg` are dropped.
    static func inlineSVG(_ svg: String) -> String {
        guard let start = svg.range(of: "<svg") else { return "" }
        return String(svg[start.lowerBound...])
    }
}
