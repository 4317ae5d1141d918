import Foundation
import Testing

@testable import MetroTrace
@testable import MetroTraceGraphviz
@testable import MetroTraceIO

/// Diagrams stay legible at any size: no rendered diagram wider than 2,400 px or taller
/// than 3,400 px at 96 dpi, and nothing dropped — every item is in a box, or in the list
/// of a collapsed box.
@Suite("Diagram sizes on large networks")
struct DiagramSizeTests {
    static let network: Network = {
        let text = try! NetworkGenerator(instruments: 10_000, years: 3, seed: 1).text()
        var builder = NetworkBuilder()
        DatasetLoader.read(bytes: Array(text.utf8), named: "generated-10k.json", into: &builder)
        return try! builder.build()
    }()
    static let analysis = network.analysis()
    static let day = Day(iso: "2026-06-01")!
    static let context = DiagramContext(datasetName: "generated 10k", digest: String(repeating: "0", count: 64))

    /// The rendered SVG's size in px at 96 dpi (Graphviz writes points, 72 to the inch).
    static func pixels(_ graph: DOTGraph) throws -> (width: Double, height: Double, svg: String) {
        let svg = String(decoding: try GraphvizRenderer.shared.render(dot: graph.text, format: .svg), as: UTF8.self)
        func points(_ name: String) throws -> Double {
            let match = try #require(svg.firstMatch(of: try Regex("\(name)=\"([0-9.]+)pt\"")))
            return Double(match.output[1].substring!)!
        }
        return (try points("width") * 96 / 72, try points("height") * 96 / 72, svg)
    }

    /// Every label of the graph and every item listed for its collapsed boxes, as one
    /// text (tooltips do not count: they are not seen on paper).
    static func everythingSaid(_ graph: DOTGraph) throws -> String {
        let labels: [String] = (graph.nodes + graph.subgraphs.flatMap(\.nodes)).flatMap(\.attributes).compactMap {
            attribute -> String? in
            guard attribute.name == "label" else { return nil }
            switch attribute.value {
            case .text(let text), .html(let text): return text
            }
        }
        // Each collapsed box links to its list, and the HTML page has the list.
        let page = String(decoding: try GraphvizRenderer.shared.render(graph, format: .html), as: UTF8.self)
        for box in graph.collapsed {
            let node = (graph.nodes + graph.subgraphs.flatMap(\.nodes)).first { $0.name == box.node }
            #expect(node?.attributes.contains(.init("URL", .text("#" + box.listAnchor))) == true, "\(box.node)")
            #expect(page.contains("<table id=\"\(box.listAnchor)\">"), "\(box.listAnchor)")
            #expect(page.contains("xlink:href=\"#\(box.listAnchor)\""), "\(box.listAnchor)")
        }
        // The ids in the first column of the page's lists: every member, none else.
        let listed = page.matches(of: try Regex("<tr><td class=\"id\">([^<]*)</td>")).map {
            String($0.output[1].substring!)
        }
        #expect(listed == graph.collapsed.flatMap { $0.members.map { HTMLPage.escape($0.id) } })
        return (labels + graph.collapsed.flatMap { $0.members.map(\.id) }).joined(separator: "\n")
    }

    static func mentions(_ text: String, _ id: String) -> Bool {
        text.range(
            of: "(^|[^A-Za-z0-9.-])\(NSRegularExpression.escapedPattern(for: id))([^A-Za-z0-9.-]|$)",
            options: .regularExpression)
            != nil
    }

    @Test("the scheme of every quantity of a 10k network fits 2,400 × 3,400 px and names every item")
    func schemes() throws {
        for quantity in NetworkGenerator.quantities.map(\.name) {
            let graph = try #require(
                SchemeDiagram.graph(quantity: quantity, analysis: Self.analysis, at: Self.day, context: Self.context))
            let size = try Self.pixels(graph)
            #expect(size.width <= 2400 && size.height <= 3400, "\(quantity): \(size.width) × \(size.height) px")
            let said = try Self.everythingSaid(graph)
            let items = Self.network.itemIndices.filter { Self.network.quantity(of: $0).name == quantity }
            #expect(items.count > 1000)
            let missing = items.map { Self.network.id(of: $0) }.filter { !Self.mentions(said, $0) }
            #expect(
                missing.isEmpty, "\(quantity): \(missing.count) items in no box and no list, e.g. \(missing.prefix(3))")
        }
    }

    @Test("an impact of 500 or more items fits, and every affected item is in a box or a collapsed box's list")
    func largeImpact() throws {
        let standards = Self.network.itemIndices.filter { Self.network.kind(of: $0) == .referenceStandard }
        let impacts = standards.prefix(40).map {
            Self.analysis.impact(of: $0, foundOutOfToleranceAt: Self.day, at: Self.day)
        }
        let impact = try #require(impacts.max { $0.items.count < $1.items.count })
        #expect(impact.items.count >= 500, "largest impact: \(impact.items.count) items")
        let graph = ImpactDiagram.graph(impact, network: Self.network, context: Self.context)
        let size = try Self.pixels(graph)
        #expect(size.width <= 2400 && size.height <= 3400, "\(size.width) × \(size.height) px")
        let said = try Self.everythingSaid(graph)
        let missing = impact.items.map { Self.network.id(of: $0.item) }.filter { !Self.mentions(said, $0) }
        #expect(missing.isEmpty, "\(missing.count) affected items in no box and no list, e.g. \(missing.prefix(3))")
    }

    @Test("chains of the 10k network fit too")
    func chains() throws {
        for item in Self.network.itemIndices.filter({ Self.network.kind(of: $0) == .instrument }).prefix(30) {
            let graph = ChainDiagram.graph(
                Self.analysis.chain(of: item, at: Self.day), analysis: Self.analysis, context: Self.context)
            let size = try Self.pixels(graph)
            #expect(
                size.width <= 2400 && size.height <= 3400,
                "\(Self.network.id(of: item)): \(size.width) × \(size.height)")
        }
    }
}
