import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceGraphviz
import MetroTraceIO

/// `metrotrace diagrams DATASET --at D --out DIR`: the audit bundle of every chain.
struct DiagramsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagrams",
        abstract: Help.text("help.diagrams.abstract", width: 68),
        discussion: Help.text("help.diagrams.discussion") + """


            \(Help.text("help.examples"))
              metrotrace diagrams data/jiangxi --at 2026-11-26 --out audit/
              metrotrace diagrams data/sample --out audit-pdf/ --format pdf --lang zh-Hans
            """
    )

    @OptionGroup var options: DatasetOptions

    @Option(help: Help.option("help.option.diagrams.out"))
    var out: String

    @Option(help: Help.option("help.option.diagrams.format"))
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
        Output.say("cli.diagrams.written", ("count", Output.n(drawn)), ("folder", .literal(out)))
        if !bundle.failures.isEmpty { throw ExitStatus.invalidInput.exitCode }
        if bundle.hasBrokenChains { throw ExitStatus.findings.exitCode }
    }
}
