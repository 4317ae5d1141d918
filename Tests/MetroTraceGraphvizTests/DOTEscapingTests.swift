import Testing

@testable import MetroTraceGraphviz

@Suite("DOT escaping")
struct DOTEscapingTests {
    static let nasty = [
        "plain", "quote \" inside", "back\\slash", "ends with backslash \\", "new\nline", "<tag> & \"amp\"",
        "中文名称（计量标准）", "tab\there", "\\\"", "emoji 🔬",
    ]

    @Test("ids and names with quotes, backslashes, newlines, <>& and Chinese survive agmemread", arguments: nasty)
    func roundTrip(_ text: String) throws {
        var graph = DOTGraph(name: text)
        let label = "<TABLE><TR><TD>\(GraphvizLabelText.escape(text))</TD></TR></TABLE>"
        graph.nodes = [
            DOTGraph.Node("n1", [.init("label", .html(label))]),
            DOTGraph.Node("n2", [.init("label", .text(text)), .init("tooltip", .text(text))]),
        ]
        graph.edges = [DOTGraph.Edge("n1", "n2", [.init("label", .text(text))])]
        let labels = try GraphvizRenderer.shared.parse(dot: graph.text)
        #expect(
            GraphvizLabelText.plainText(try #require(labels["n1"])) == text.replacingOccurrences(of: "\t", with: " "))
        // A text label is read back as written: escString escapes intact.
        let written = try #require(labels["n2"])
        #expect(
            written == text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n"))
        _ = try GraphvizRenderer.shared.render(dot: graph.text, format: .svg)
    }

    @Test("node names with quotes and Chinese round-trip")
    func names() throws {
        var graph = DOTGraph(name: "g")
        graph.nodes = ["a \"quoted\" id", "中文-01", "semi;colon", "-> arrow"].map { DOTGraph.Node($0) }
        let labels = try GraphvizRenderer.shared.parse(dot: graph.text)
        #expect(Set(labels.keys) == ["a \"quoted\" id", "中文-01", "semi;colon", "-> arrow"])
    }
}
