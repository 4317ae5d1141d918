import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceGraphviz
import MetroTraceIO

/// `metrotrace diagram DATASET ITEM --at D -o FILE`: one chain as an audit diagram.
struct DiagramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagram",
        abstract: Help.text("help.diagram.abstract", width: 68),
        discussion: Help.text("help.diagram.discussion") + """


            \(Help.text("help.examples"))
              metrotrace diagram data/jiangxi ENV-E1-P02 --at 2026-11-26 -o ENV-E1-P02.svg
              metrotrace diagram data/jiangxi NMAT-E1-M04 -o chain.pdf --lang zh-Hans
              metrotrace diagram data/sample KD-TH-02 --format dot
            """
    )

    @OptionGroup var options: DatasetOptions

    @Argument(help: Help.option("help.option.item"))
    var item: String

    @OptionGroup var destination: DiagramOutput

    func run() throws {
        let format = try destination.resolvedFormat()
        let (loaded, analysis, policyName) = try options.analyse()
        let index = try Lookup.item(item, in: loaded.network, dataset: options.dataset)
        let chain = analysis.chain(of: index, at: options.day)
        let graph = ChainDiagram.graph(
            chain, analysis: analysis, context: options.diagramContext(loaded, policyName: policyName))
        try destination.write(graph, format: format)
        if chain.status == .broken { throw ExitStatus.findings.exitCode }
    }
}
