import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceGraphviz
import MetroTraceIO

/// `metrotrace diagrams DATASET --at D --out DIR`: the audit bundle of every chain.
struct DiagramsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagrams",
        abstract: Help.text("help.diagrams.abstract"),
        discussion: """
            One diagram per item (file names made safe from item ids), an index.html that \
            lists every chain with its status and worst finding, and MANIFEST.sha256 with \
            each file's digest (check it with `sha256sum -c MANIFEST.sha256`).
            Exit status: 0 no error findings, 1 error findings, 2 invalid input or a \
            diagram that could not be drawn (reported and skipped).

            \(Help.text("help.examples"))
              metrotrace diagrams data/jiangxi --at 2026-11-26 --out audit/
              metrotrace diagrams data/sample --out audit-pdf/ --format pdf --lang zh-Hans
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
                format: format, to: URL(fileURLWithPath: out),
                writeFile: { path, bytes in try AtomicFile.replace(path, bytes: bytes) }, progress: progress.update)
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
