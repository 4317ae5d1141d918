import MetroTrace

/// The colours and words diagrams use for statuses and activities.
enum DiagramStyle {
    /// Line colour of a status: green, amber, red.
    static func line(_ status: Status) -> String {
        switch status {
        case .valid: "#2e7d32"
        case .warning: "#e69500"
        case .broken: "#c62828"
        }
    }

    /// Fill colour of a status.
    static func fill(_ status: Status) -> String {
        switch status {
        case .valid: "#edf7ee"
        case .warning: "#fff6e0"
        case .broken: "#fdecec"
        }
    }

    /// Fill and line colour of an anchor.
    static let anchorFill = "#e6f0fb"
    static let anchorLine = "#1f5f9e"
    /// Line colour of a lab's cluster.
    static let clusterLine = "#8a8a8a"
    /// Fill and line colour of what no longer matters (an item no longer affected), and
    /// the legend's frame.
    static let inactiveFill = "#f2f2f2"
    static let inactiveLine = "#9e9e9e"
    /// Text colour of an unremarkable edge label.
    static let plainText = "#333333"

    /// The standard graph, node and edge attributes.
    static func apply(to graph: inout DOTGraph, context: DiagramContext) {
        let font = DOTGraph.Value.text(context.fontName)
        graph.language = context.language
        graph.attributes.reserveCapacity(graph.attributes.count + 11)
        graph.attributes += [
            .init("charset", "UTF-8"), .init("fontname", font), .init("rankdir", "TB"),
            .init("newrank", "true"), .init("nodesep", "0.35"), .init("ranksep", "0.6"),
            .init("labelloc", "t"), .init("fontsize", "14"),
            // At most 24 × 34 inches (2,304 × 3,264 px at 96 dpi, A3 at 80 %): a larger
            // layout is compressed first, and only scaled down if that is not enough.
            .init("size", "24,34"), .init("ratio", "compress"),
        ]
        graph.nodeDefaults = [
            .init("fontname", font), .init("shape", "box"), .init("style", "rounded,filled"),
            .init("fontsize", "11"), .init("margin", "0.08,0.04"),
        ]
        graph.edgeDefaults = [.init("fontname", font), .init("fontsize", "9"), .init("penwidth", "1.6")]
    }

    /// What a diagram draws, for its legend: only these get a row.
    struct LegendContent {
        /// The language and look of the diagram.
        var context: DiagramContext
        /// The statuses some node or edge is drawn in.
        var statuses: Set<Status> = []
        /// Whether an anchor is drawn.
        var anchor = false
        /// Whether a dashed edge (a record without references) is drawn.
        var dashed = false
        /// Whether a suspect path (amber from an out-of-tolerance standard) is drawn.
        var suspectPath = false
        /// What the edge labels say, in the diagram's own terms.
        var edges: String
        /// What the nodes say beyond id, name and kind.
        var nodes: String? = nil
        /// What red means here; nil: not traceable.
        var brokenMeaning: String? = nil
    }

    /// The legend: what the colours and marks of this diagram mean, nothing it does not
    /// use.
    static func legend(_ content: LegendContent) -> DOTGraph.Node {
        func row(_ colour: String, _ text: String) -> String {
            "<TR><TD BGCOLOR=\"\(colour)\" WIDTH=\"18\"> </TD><TD ALIGN=\"LEFT\">\(GraphvizLabelText.escape(text))</TD></TR>"
        }
        func note(_ text: String) -> String {
            GraphvizLabelText.wrapped(text, width: 76).map {
                "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">\(GraphvizLabelText.escape($0))</TD></TR>"
            }.joined()
        }
        let context = content.context
        var rows: [String] = []
        if content.statuses.contains(.valid) { rows.append(row(line(.valid), context.text("legend.valid"))) }
        if content.statuses.contains(.warning) { rows.append(row(line(.warning), context.text("legend.warning"))) }
        if content.statuses.contains(.broken) {
            rows.append(row(line(.broken), content.brokenMeaning ?? context.text("legend.broken")))
        }
        if content.anchor { rows.append(row(anchorLine, context.text("legend.anchor"))) }
        rows.append(note(context.text("legend.arrows")))
        if content.dashed { rows.append(note(context.text("legend.dashed"))) }
        if content.suspectPath { rows.append(note(context.text("legend.suspect-path"))) }
        if let nodes = content.nodes { rows.append(note(context.text("legend.boxes", ("text", .literal(nodes))))) }
        rows.append(note(context.text("legend.edges", ("text", .literal(content.edges)))))
        let html =
            "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\"><TR><TD COLSPAN=\"2\"><B>\(GraphvizLabelText.escape(context.text("legend.title")))</B></TD></TR>"
            + rows.joined() + "</TABLE>"
        return DOTGraph.Node(
            NodeName.legend,
            [
                .init("label", .html(html)), .init("shape", "box"), .init("style", "rounded"),
                .init("color", .text(inactiveLine)), .init("fontsize", "9"),
            ])
    }

    /// The graph label: what, when, from which dataset (with its digest), under which policy.
    static func title(_ heading: String, at day: Day, context: DiagramContext) -> DOTGraph.Value {
        var lines = ["<B>\(GraphvizLabelText.escape(heading))</B>"]
        lines.append(
            GraphvizLabelText.escape(
                context.text(
                    "diagram.title.context", ("date", .literal(day.description)),
                    ("dataset", .literal(context.datasetName)), ("policy", .literal(context.policyName)))))
        if let digest = context.digest {
            lines.append(GraphvizLabelText.escape(context.text("diagram.title.digest", ("digest", .literal(digest)))))
        }
        return .html(lines.joined(separator: "<BR/>"))
    }
}
