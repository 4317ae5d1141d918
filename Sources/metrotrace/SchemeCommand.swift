import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceGraphviz
import MetroTraceIO

/// `metrotrace scheme DATASET --quantity mass --at D`: the verification-scheme chart.
struct SchemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheme",
        abstract: "Draw the verification-scheme chart (检定系统框图) of one quantity.",
        discussion: """
            Every standard of the quantity by level with the links between them at the \
            date; instruments collapsed into counts per lab and standard. Without -o, DOT \
            text is written to standard output.

            Examples:
              metrotrace scheme data/jiangxi --quantity mass -o mass.svg
              metrotrace scheme data/jiangxi --quantity 质量 -o 质量.html --lang zh-Hans
            """
    )

    @OptionGroup var options: DatasetOptions

    @Option(help: "The kind of quantity, e.g. mass, temperature, pressure.")
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

/// A one-line progress bar on standard error, drawn only when it is a terminal.
final class ProgressBar: @unchecked Sendable {
    let label: String
    let isTerminal = isatty(STDERR_FILENO) == 1
    var lastDrawn = -1

    init(label: String) { self.label = label }

    func update(_ done: Int, _ total: Int) {
        guard isTerminal, total > 0 else { return }
        let percent = done * 100 / total
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        let width = 30
        let filled = done * width / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(done)/\(total)".utf8))
    }

    func finish() {
        if isTerminal, lastDrawn >= 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
