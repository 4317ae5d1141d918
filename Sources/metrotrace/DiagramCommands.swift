import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceGraphviz
import MetroTraceIO

extension DiagramFormat: ExpressibleByArgument {}

extension DatasetOptions {
    /// The context every diagram states: dataset name, digest of its files, policy.
    func diagramContext(_ loaded: LoadedNetwork, policyName: String) -> DiagramContext {
        DiagramContext(
            datasetName: loaded.network.name,
            digest: DatasetDigest.of(dataset, files: loaded.files), policyName: policyName)
    }
}

/// Renders a graph to a file or standard output; exits 2 on a rendering failure.
func write(_ graph: DOTGraph, format: DiagramFormat, to output: String?) throws {
    let bytes: [UInt8]
    do throws(RenderError) {
        bytes = try GraphvizRenderer.shared.render(dot: graph.text, format: format)
    } catch {
        Output.error("cannot render the diagram: \(error)")
        throw ExitStatus.invalidInput.exitCode
    }
    if let output {
        try Output.write(bytes: bytes, to: output)
    } else {
        FileHandle.standardOutput.write(Data(bytes))
    }
}

/// The format asked for, or the one an output file's extension names.
func diagramFormat(_ format: DiagramFormat?, output: String?) throws -> DiagramFormat {
    if let format { return format }
    guard let output else { return .dot }
    let fileExtension = (output as NSString).pathExtension
    guard let format = DiagramFormat(fileExtension: fileExtension) else {
        Output.error("cannot tell the format from \"\(output)\"; name the file .dot, .svg, .png or .pdf, or give --format")
        throw ExitStatus.invalidInput.exitCode
    }
    return format
}

/// `metrotrace diagram DATASET ITEM --at D -o FILE`: one chain as an audit diagram.
struct DiagramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagram",
        abstract: "Draw an item's full traceability chain (Graphviz; DOT, SVG, PNG or PDF).",
        discussion: """
            SI realisations and primary standards at the top, the item at the bottom, one \
            cluster per lab, edges coloured green/amber/red by the link's worst finding. \
            Without -o, DOT text is written to standard output.
            Exit status: 0 no error findings, 1 error findings, 2 invalid input.
            """
    )

    @OptionGroup var options: DatasetOptions

    @Argument(help: "The item's id.")
    var item: String

    @Option(name: [.short, .customLong("output")], help: "The file to write (.dot, .svg, .png, .pdf).")
    var output: String?

    @Option(help: "The format: dot, svg, png or pdf (default: from the file name).")
    var format: DiagramFormat?

    func run() throws {
        let format = try diagramFormat(format, output: output)
        let (loaded, analysis, policyName) = try options.analyse()
        guard let index = loaded.network.item(id: item) else {
            Output.error("\(options.dataset): no item with id \"\(item)\"")
            throw ExitStatus.invalidInput.exitCode
        }
        let chain = analysis.chain(of: index, at: options.day)
        let graph = ChainDiagram.graph(chain, analysis: analysis, context: options.diagramContext(loaded, policyName: policyName))
        try write(graph, format: format, to: output)
        if chain.status == .broken { throw ExitStatus.findings.exitCode }
    }
}

/// `metrotrace diagrams DATASET --at D --out DIR`: the audit bundle of every chain.
struct DiagramsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagrams",
        abstract: "Draw every item's chain into a folder, with index.html and MANIFEST.sha256.",
        discussion: """
            One diagram per item (file names made safe from item ids), an index.html that \
            lists every chain with its status and worst finding, and MANIFEST.sha256 with \
            each file's digest (check it with `sha256sum -c MANIFEST.sha256`).
            Exit status: 0 no error findings, 1 error findings, 2 invalid input or a \
            diagram that could not be drawn (reported and skipped).
            """
    )

    @OptionGroup var options: DatasetOptions

    @Option(help: "The folder to write (created when missing).")
    var out: String

    @Option(help: "The format of the diagrams: svg, png, pdf or dot.")
    var format: DiagramFormat = .svg

    func run() throws {
        let (loaded, analysis, policyName) = try options.analyse()
        let progress = ProgressBar(label: "diagrams")
        let bundle: AuditBundle
        do {
            bundle = try AuditBundle.write(
                analysis: analysis, at: options.day, context: options.diagramContext(loaded, policyName: policyName),
                format: format, to: URL(fileURLWithPath: out), progress: progress.update)
        } catch {
            progress.finish()
            Output.error("cannot write \(out): \(error.localizedDescription)")
            throw ExitStatus.invalidInput.exitCode
        }
        progress.finish()
        for failure in bundle.failures {
            Output.error("\(loaded.network.id(of: failure.item)): not drawn: \(failure.error ?? "unknown error")")
        }
        let drawn = bundle.entries.count - bundle.failures.count
        Output.error("\(drawn) diagram\(drawn == 1 ? "" : "s") written to \(out) (index.html, MANIFEST.sha256)")
        if !bundle.failures.isEmpty { throw ExitStatus.invalidInput.exitCode }
        if bundle.hasBrokenChains { throw ExitStatus.findings.exitCode }
    }
}

/// `metrotrace scheme DATASET --quantity mass --at D`: the verification-scheme chart.
struct SchemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheme",
        abstract: "Draw the verification-scheme chart (检定系统框图) of one quantity.",
        discussion: """
            Every standard of the quantity by level with the links between them at the \
            date; instruments collapsed into counts per lab and standard. Without -o, DOT \
            text is written to standard output.
            """
    )

    @OptionGroup var options: DatasetOptions

    @Option(help: "The kind of quantity, e.g. mass, temperature, pressure.")
    var quantity: String

    @Option(name: [.short, .customLong("output")], help: "The file to write (.dot, .svg, .png, .pdf).")
    var output: String?

    @Option(help: "The format: dot, svg, png or pdf (default: from the file name).")
    var format: DiagramFormat?

    func run() throws {
        let format = try diagramFormat(format, output: output)
        let (loaded, analysis, policyName) = try options.analyse()
        guard let graph = SchemeDiagram.graph(
            quantity: quantity, analysis: analysis, at: options.day,
            context: options.diagramContext(loaded, policyName: policyName))
        else {
            Output.error("\(options.dataset): no item measures \"\(quantity)\"")
            throw ExitStatus.invalidInput.exitCode
        }
        try write(graph, format: format, to: output)
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
