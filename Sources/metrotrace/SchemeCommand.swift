import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceGraphviz
import MetroTraceIO

/// `metrotrace scheme DATASET --quantity mass --at D`: the verification-scheme chart.
struct SchemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheme",
        abstract: Help.text("help.scheme.abstract", width: 68),
        discussion: Help.text("help.scheme.discussion") + """


            \(Help.text("help.examples"))
              metrotrace scheme data/jiangxi --quantity mass -o mass.svg
              metrotrace scheme data/jiangxi --quantity 质量 -o 质量.html --lang zh-Hans
            """
    )

    @OptionGroup var options: DatasetOptions

    @Option(help: Help.option("help.option.scheme.quantity"))
    var quantity: String

    @OptionGroup var destination: DiagramOutput

    func run() throws {
        let format = try destination.resolvedFormat()
        let (loaded, analysis, policyName) = try options.analyse()
        let quantity = try Lookup.quantity(quantity, in: loaded.network, dataset: options.dataset)!
        guard
            let graph = SchemeDiagram.graph(
                quantity: quantity, analysis: analysis, at: options.day,
                context: options.diagramContext(loaded, policyName: policyName))
        else {
            Output.error("\(options.dataset): no item measures \"\(quantity)\"")
            throw ExitStatus.invalidInput.exitCode
        }
        try destination.write(graph, format: format)
    }
}
