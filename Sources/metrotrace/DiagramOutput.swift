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
            digest: DatasetDigest.of(dataset, files: loaded.files), policyName: policyName,
            language: display.terminal.language)
    }
}

/// Where and how the diagram commands write what they draw: `-o FILE` and `--format`.
struct DiagramOutput: ParsableArguments {
    @Option(name: [.short, .customLong("output")], help: Help.option("help.option.diagram.output"))
    var output: String?

    @Option(
        help: Help.option("help.option.diagram.format")
    )
    var format: DiagramFormat?

    /// The format asked for, or the one the output file's extension names (DOT without
    /// a file); exits 2 when neither tells.
    func resolvedFormat() throws -> DiagramFormat { try Self.format(format, output: output) }

    /// Renders `graph` in `format` to the output file or standard output.
    func write(_ graph: DOTGraph, format: DiagramFormat) throws { try Self.write(graph, format: format, to: output) }

    /// Renders a graph to a file or standard output; exits 2 on a rendering failure.
    static func write(_ graph: DOTGraph, format: DiagramFormat, to output: String?) throws {
        let bytes: [UInt8]
        do throws(RenderError) {
            bytes = try GraphvizRenderer.shared.render(graph, format: format)
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
    static func format(_ format: DiagramFormat?, output: String?) throws -> DiagramFormat {
        if let format { return format }
        guard let output else { return .dot }
        let fileExtension = (output as NSString).pathExtension
        guard let format = DiagramFormat(fileExtension: fileExtension) else {
            Output.error(
                "cannot tell the format from \"\(output)\"; name the file .dot, .svg, .png, .pdf or .html, or give --format"
            )
            throw ExitStatus.invalidInput.exitCode
        }
        return format
    }
}
