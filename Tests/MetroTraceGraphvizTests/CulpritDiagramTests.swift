import Foundation
import Testing

@testable import MetroTrace
@testable import MetroTraceGraphviz
@testable import MetroTraceIO

/// Diagrams that point at the cause: the documented problems of the Jiangxi network
/// drawn on the culprit's own node, in its colour, with the rule id and the date; the
/// suspect path amber from the out-of-tolerance standard down to the suspect item.
@Suite("Culprit-first chain diagrams")
struct CulpritDiagramTests {
    static let loaded = try! DatasetLoader.load(ChainDiagramTests.root.appendingPathComponent("data/jiangxi").path)
    static let network = loaded.network
    static let analysis = network.analysis()
    static let day = Day(iso: "2026-11-26")!

    static func graph(_ id: String) -> DOTGraph {
        ChainDiagram.graph(
            analysis.chain(of: network.item(id: id)!, at: day), analysis: analysis,
            context: DiagramContext(datasetName: network.name))
    }

    /// A node's attributes by name, wherever it is (in a lab cluster or not).
    static func node(_ name: String, in graph: DOTGraph) -> [String: String]? {
        let all = graph.nodes + graph.subgraphs.flatMap(\.nodes)
        guard let node = all.first(where: { $0.name == name }) else { return nil }
        return Dictionary(
            node.attributes.map { attribute in
                switch attribute.value {
                case .text(let text), .html(let text): (attribute.name, text)
                }
            }, uniquingKeysWith: { a, _ in a })
    }

    static func edge(from: String, to: String, in graph: DOTGraph) -> [String: String]? {
        guard let edge = graph.edges.first(where: { $0.from == from && $0.to == to }) else { return nil }
        return Dictionary(
            edge.attributes.map { attribute in
                switch attribute.value {
                case .text(let text), .html(let text): (attribute.name, text)
                }
            }, uniquingKeysWith: { a, _ in a })
    }

    /// A label's text without its markup.
    static func words(_ label: String?) -> String {
        (label ?? "").replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
    }

    @Test("an expired standard: ENV-P-WS1 is red and says it expired on 2026-05-19; the edge says when it was used")
    func expiredStandard() throws {
        let graph = Self.graph("ENV-E1-P02")
        let culprit = try #require(Self.node(NodeName.item("ENV-P-WS1"), in: graph))
        #expect(culprit["color"] == DiagramStyle.line(.broken) && culprit["fillcolor"] == DiagramStyle.fill(.broken))
        #expect(Self.words(culprit["label"]).contains("record.expired: JXIM-P-2025-0014 expired 2026-05-19"))
        let edge = try #require(
            Self.edge(from: NodeName.item("ENV-P-WS1"), to: NodeName.item("ENV-E1-P02"), in: graph))
        #expect(edge["color"] == DiagramStyle.line(.broken))
        let words = Self.words(edge["label"])
        #expect(words.contains("reference.expired: ENV-P-WS1 expired 2026-05-19, used 2026-06-18"), "\(words)")
        // Upstream of the culprit, what is in order stays green.
        let upstream = try #require(Self.node(NodeName.item("JXIM-P-REF"), in: graph))
        #expect(upstream["color"] == DiagramStyle.line(.valid))
    }

    @Test("a centre outside its scope: the lab.out-of-scope finding is on AUTO-E2-N90's own node with its date")
    func outOfScope() throws {
        let graph = Self.graph("AUTO-E2-N90")
        let culprit = try #require(Self.node(NodeName.item("AUTO-E2-N90"), in: graph))
        #expect(culprit["color"] == DiagramStyle.line(.broken))
        let words = Self.words(culprit["label"])
        #expect(words.contains("lab.out-of-scope") && words.contains("2026-02-10"), "\(words)")
        // Its standard is in order: green.
        #expect(Self.node(NodeName.item("AUTO-N-WS1"), in: graph)?["color"] == DiagramStyle.line(.valid))
    }

    @Test("a certificate claiming better than its chain: below-chain and below-CMC on MED-E1-T03's node, once per rule")
    func belowChain() throws {
        let graph = Self.graph("MED-E1-T03")
        let words = Self.words(try #require(Self.node(NodeName.item("MED-E1-T03"), in: graph))["label"])
        #expect(words.contains("record.below-chain") && words.contains("record.below-cmc"))
        #expect(words.components(separatedBy: "record.below-cmc").count == 2, "one note per rule: \(words)")
        #expect(words.contains("likewise at points 2, 3"))
    }

    @Test("an out-of-tolerance standard: NMAT-M-WS1 is amber, says since when, and the path to NMAT-E1-M04 is amber")
    func suspectPath() throws {
        for id in ["NMAT-E1-M04", "NMAT-E1-M07", "NMAT-E2-M10"] {
            let graph = Self.graph(id)
            let culprit = try #require(Self.node(NodeName.item("NMAT-M-WS1"), in: graph))
            #expect(culprit["color"] == DiagramStyle.line(.warning), "the culprit is never drawn valid")
            let words = Self.words(culprit["label"])
            #expect(words.contains("out of tolerance since 2026-08-20"), "\(words)")
            #expect(words.contains("record.suspect"))
            let edge = try #require(Self.edge(from: NodeName.item("NMAT-M-WS1"), to: NodeName.item(id), in: graph))
            #expect(edge["color"] == DiagramStyle.line(.warning), "\(id): the suspect path is amber")
            #expect(Self.words(edge["label"]).contains("NMAT-M-WS1 found out of tolerance 2026-08-20"))
            #expect(Self.node(NodeName.item(id), in: graph)?["color"] == DiagramStyle.line(.warning))
            // Above the culprit, the chain is in order.
            let upstream = try #require(
                Self.edge(from: NodeName.item("JXIM-M-REF"), to: NodeName.item("NMAT-M-WS1"), in: graph))
            #expect(upstream["color"] == DiagramStyle.line(.valid))
        }
    }

    @Test(
        "in Chinese: the culprit's own node says why in Chinese, the legend and title are Chinese, every chain renders")
    func chinese() throws {
        let context = DiagramContext(datasetName: Self.network.name, language: .simplifiedChinese)
        let graph = ChainDiagram.graph(
            Self.analysis.chain(of: Self.network.item(id: "ENV-E1-P02")!, at: Self.day), analysis: Self.analysis,
            context: context)
        let culprit = try #require(Self.node(NodeName.item("ENV-P-WS1"), in: graph))
        #expect(Self.words(culprit["label"]).contains("record.expired: JXIM-P-2025-0014 于 2026-05-19 到期"))
        let edge = try #require(
            Self.edge(from: NodeName.item("ENV-P-WS1"), to: NodeName.item("ENV-E1-P02"), in: graph))
        // The label wraps between the two halves.
        #expect(Self.words(edge["label"]).contains("ENV-P-WS1 于 2026-05-19 到期，"))
        #expect(Self.words(edge["label"]).contains("2026-06-18 仍被使用"))
        let text = graph.text
        #expect(text.contains("图例") && text.contains("ENV-E1-P02 的溯源链") && text.contains("工作计量器具"))
        for english in ["Legend", "Traceability chain", "expired 2026", "no due date", "Arrows point", "Boxes:"] {
            #expect(!text.contains(english), "\(english) left in the Chinese diagram")
        }
        // Every broken or suspect chain of Jiangxi lays out in Chinese.
        for item in Self.network.itemIndices {
            let chain = Self.analysis.chain(of: item, at: Self.day)
            guard chain.status != .valid else { continue }
            let dot = ChainDiagram.dot(chain, analysis: Self.analysis, context: context)
            #expect(throws: Never.self) { try GraphvizRenderer.shared.render(dot: dot, format: .svg) }
        }
        let scheme = try #require(
            SchemeDiagram.graph(quantity: "mass", analysis: Self.analysis, at: Self.day, context: context))
        #expect(scheme.text.contains("质量检定系统框图") && !scheme.text.contains("Verification scheme"))
        let impact = ImpactDiagram.graph(
            Self.analysis.impact(
                of: Self.network.item(id: "NMAT-M-WS1")!, foundOutOfToleranceAt: Day(iso: "2026-08-20")!, at: Self.day),
            network: Self.network, context: context)
        #expect(impact.text.contains("被发现超差的影响") && impact.text.contains("仍受影响"))
        let page = String(decoding: try GraphvizRenderer.shared.render(impact, format: .html), as: UTF8.self)
        #expect(page.contains("<html lang=\"zh-Hans\">"))
    }

    @Test("every broken or suspect chain of Jiangxi has a node not drawn valid with a rule id in it")
    func everyProblemHasACulprit() throws {
        var checked = 0
        for item in Self.network.itemIndices {
            let chain = Self.analysis.chain(of: item, at: Self.day)
            guard chain.status != .valid else { continue }
            let graph = ChainDiagram.graph(chain, analysis: Self.analysis, context: DiagramContext(datasetName: ""))
            let flagged = (graph.nodes + graph.subgraphs.flatMap(\.nodes)).filter { node in
                node.name != NodeName.legend
                    && node.attributes.contains { $0.name == "color" && $0.value != .text(DiagramStyle.line(.valid)) }
                    && node.attributes.contains { attribute in
                        guard attribute.name == "label", case .html(let html) = attribute.value else { return false }
                        return Rule.allCases.contains { html.contains($0.id) }
                    }
            }
            #expect(!flagged.isEmpty, "no culprit drawn for \(Self.network.id(of: item))")
            checked += 1
        }
        #expect(checked >= 14, "the documented problems of data/README.md")
    }

    @Test(
        "an item drawn at two of its records is told apart by record id and date; the legend lists only what is drawn")
    func recordsToldApartAndLegend() throws {
        let generated = try NetworkGenerator(instruments: 300, years: 3, seed: 1).text()
        var builder = NetworkBuilder()
        DatasetLoader.read(bytes: Array(generated.utf8), named: "generated.json", into: &builder)
        let network = try builder.build()
        let analysis = network.analysis()
        var found = false
        for item in network.itemIndices where network.kind(of: item) == .instrument {
            let graph = ChainDiagram.graph(
                analysis.chain(of: item, at: Self.day), analysis: analysis, context: DiagramContext(datasetName: ""))
            let records = (graph.nodes + graph.subgraphs.flatMap(\.nodes)).filter { $0.name.hasPrefix("record:") }
            guard records.count >= 2 else { continue }
            let labels = records.map { Self.words(Self.node($0.name, in: graph)?["label"]) }
            #expect(Set(labels).count == labels.count, "two identical boxes")
            for (node, label) in zip(records, labels) {
                #expect(label.contains(String(node.name.dropFirst("record:".count))))
            }
            found = true
            break
        }
        #expect(found, "no generated chain draws an item at two records")
        let valid = Self.graph("ENV-P-WS2")
        let legend = Self.words(Self.node(NodeName.legend, in: valid)?["label"])
        #expect(legend.contains("valid") && !legend.contains("broken:") && !legend.contains("Amber path"))
    }
}
