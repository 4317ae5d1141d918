import Foundation
import Testing

@testable import MetroTrace
@testable import MetroTraceGraphviz
@testable import MetroTraceIO

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("Chain diagrams")
struct ChainDiagramTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let loaded = try! DatasetLoader.load(root.appendingPathComponent("data/sample").path)
    static let network = loaded.network
    static let analysis = network.analysis()
    static let day = Day(iso: "2026-11-26")!
    static let context = DiagramContext(datasetName: network.name, digest: String(repeating: "ab", count: 32))

    static func chain(_ id: String) -> Chain { analysis.chain(of: network.item(id: id)!, at: day) }

    static func dot(_ id: String) -> String { ChainDiagram.dot(chain(id), analysis: analysis, context: context) }

    /// The ids every diagram of a chain must show: its items and its certificates.
    static func ids(_ chain: Chain) -> Set<String> {
        var ids: Set<String> = [network.id(of: chain.item)]
        for link in chain.links {
            ids.insert(network.id(of: link.item))
            ids.insert(network.id(of: link.record))
            for reference in link.references { ids.insert(network.id(of: reference.item)) }
        }
        return ids
    }

    static var dotBinary: String? {
        ["/usr/bin/dot", "/usr/local/bin/dot"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test("DOT of every sample chain is accepted by the dot binary and by agmemread in-process")
    func everyChainParses() throws {
        let binary = Self.dotBinary
        if binary == nil { print("skipping the dot binary check: no dot on PATH") }
        for item in Self.network.itemIndices {
            let chain = Self.analysis.chain(of: item, at: Self.day)
            let text = ChainDiagram.dot(chain, analysis: Self.analysis, context: Self.context)
            let labels = try GraphvizRenderer.shared.parse(dot: text)
            #expect(
                labels[NodeName.item(Self.network.id(of: item))] != nil
                    || chain.record.map { labels[NodeName.record(Self.network.id(of: $0))] != nil } == true)
            if let binary {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: binary)
                process.arguments = ["-Tsvg", "-o", "/dev/null"]
                let input = Pipe()
                let errors = Pipe()
                process.standardInput = input
                process.standardError = errors
                try process.run()
                input.fileHandleForWriting.write(Data(text.utf8))
                try input.fileHandleForWriting.close()
                process.waitUntilExit()
                let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                #expect(process.terminationStatus == 0, "\(Self.network.id(of: item)): \(message)")
            }
        }
    }

    /// Collects the titles and texts of an SVG document.
    final class SVGTexts: NSObject, XMLParserDelegate {
        var texts: [String] = []
        var current = ""
        var collecting = false

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            if name == "title" || name == "text" {
                collecting = true
                current = ""
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if collecting { current += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "title" || name == "text" {
                texts.append(current)
                collecting = false
            }
        }
    }

    @Test(
        "SVG is well-formed XML whose titles and texts show every item and certificate id",
        arguments: ["NAP-TW-01", "LV-TH-01", "KD-PG-05", "JXIM-F1-1kg", "SI-KG", "NAP-MIC-02"])
    func svg(_ id: String) throws {
        let chain = Self.chain(id)
        let svg = try GraphvizRenderer.shared.render(
            dot: ChainDiagram.dot(chain, analysis: Self.analysis, context: Self.context), format: .svg)
        let parser = XMLParser(data: Data(svg))
        let collector = SVGTexts()
        parser.delegate = collector
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        let all = collector.texts.joined(separator: "\n")
        for expected in Self.ids(chain) {
            #expect(all.contains(expected), "\(expected) missing from the SVG of \(id)")
        }
        #expect(all.contains("2026-11-26"))
        #expect(all.contains(String(repeating: "ab", count: 32)))
    }

    @Test("broken links are red and name the rule")
    func brokenLinks() {
        let text = Self.dot("KD-TH-02")
        #expect(text.contains("reference.expired"))
        #expect(text.contains("\"color\"=\"\(DiagramStyle.line(.broken))\""))
        #expect(text.contains("校准 calibration"))
        let valid = Self.dot("JXIM-F1-1kg")
        #expect(!valid.contains("\"color\"=\"\(DiagramStyle.line(.broken))\""))
        #expect(valid.contains("TUR"))
    }

    @Test("the graph names a CJK font and carries the legend and the title")
    func conventions() {
        let text = Self.dot("NAP-TW-01")
        #expect(
            text.contains(
                "\"fontname\"=\"WenQuanYi Micro Hei,Noto Sans CJK SC,Source Han Sans SC,Microsoft YaHei,PingFang SC,sans-serif\""
            ))
        #expect(text.contains("\"legend\""))
        #expect(text.contains("newrank"))
        #expect(text.contains("cluster_JXIM"))
        #expect(text.contains("policy default"))
    }

    @Test("PNG and PDF of a chain start with their magic bytes")
    func images() throws {
        let text = Self.dot("NAP-TW-01")
        #expect(try GraphvizRenderer.shared.render(dot: text, format: .png).starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(try GraphvizRenderer.shared.render(dot: text, format: .pdf).starts(with: Array("%PDF".utf8)))
    }

    @Test("32 concurrent renders complete and give the same DOT as sequential ones")
    func concurrent() async throws {
        let ids = Self.network.itemIndices.prefix(32).map { Self.network.id(of: $0) }
        let sequential = ids.map { Self.dot($0) }
        let results = try await withThrowingTaskGroup(of: (Int, String, Int).self) { group in
            for (position, id) in ids.enumerated() {
                group.addTask {
                    let text = Self.dot(id)
                    let svg = try GraphvizRenderer.shared.render(dot: text, format: .svg)
                    return (position, text, svg.count)
                }
            }
            var collected: [(Int, String, Int)] = []
            for try await result in group { collected.append(result) }
            return collected.sorted { $0.0 < $1.0 }
        }
        #expect(results.count == 32)
        for (position, text, size) in results {
            #expect(text == sequential[position])
            #expect(size > 0)
        }
    }

    @Test("the verification scheme of a quantity shows its standards and instrument counts")
    func scheme() throws {
        let graph = try #require(
            SchemeDiagram.graph(quantity: "torque", analysis: Self.analysis, at: Self.day, context: Self.context))
        let text = graph.text
        for id in ["NIM-TSM", "JXIM-TQ", "AUTO-TWC"] { #expect(text.contains("\"\(NodeName.item(id))\"")) }
        #expect(text.contains("instruments · NAP"))
        _ = try GraphvizRenderer.shared.render(dot: text, format: .svg)
        #expect(
            SchemeDiagram.graph(
                quantity: "luminous intensity", analysis: Self.analysis, at: Self.day, context: Self.context) == nil)
    }
}

/// Every chain of a generated network, rendered in-process: a calibration between two
/// standards of the same kind in different labs once made Graphviz free memory twice.
@Suite("Generated chains")
struct GeneratedChainTests {
    @Test(
        "every chain of a generated network renders to SVG in-process, edges join declared nodes, none inside a rank group"
    )
    func everyChainRenders() throws {
        let text = try NetworkGenerator(instruments: 150, years: 2, seed: 11).text()
        var builder = NetworkBuilder()
        DatasetLoader.read(bytes: Array(text.utf8), named: "generated.json", into: &builder)
        let network = try builder.build()
        let analysis = TraceabilityAnalysis(network: network)
        let day = Day(year: 2026, month: 12, day: 31)!
        let context = DiagramContext(datasetName: "generated")
        for item in network.itemIndices {
            let graph = ChainDiagram.graph(analysis.chain(of: item, at: day), analysis: analysis, context: context)
            for group in graph.subgraphs where group.attributes.contains(where: { $0.name == "rank" }) {
                let members = Set(group.nodeNames)
                #expect(
                    !graph.edges.contains { members.contains($0.from) && members.contains($0.to) },
                    "edge inside \(group.name) of \(network.id(of: item))'s chain")
            }
            // Every edge joins two declared nodes: an item drawn twice (two of its records
            // in one chain) is named with its record on its edges too.
            let declared = Set(graph.nodes.map(\.name) + graph.subgraphs.flatMap { $0.nodes.map(\.name) })
            for edge in graph.edges {
                #expect(
                    declared.contains(edge.from) && declared.contains(edge.to),
                    "edge \(edge.from) -> \(edge.to) of \(network.id(of: item))'s chain names no node")
            }
            let svg = try GraphvizRenderer.shared.render(dot: graph.text, format: .svg)
            #expect(String(decoding: svg, as: UTF8.self).contains("</svg>"))
        }
    }
}
