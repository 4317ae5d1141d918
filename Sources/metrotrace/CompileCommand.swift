import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceIO

/// `metrotrace compile DATASET -o NET.mtnet`: a network snapshot for fast loading.
struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: Help.text("help.compile.abstract", width: 68),
        discussion: Help.text("help.compile.discussion") + """


            \(Help.text("help.examples"))
              metrotrace compile data/jiangxi -o jiangxi.mtnet
              metrotrace check jiangxi.mtnet --at 2026-11-26 --summary
            """
    )

    @Argument(help: Help.option("help.option.dataset-or-folder"))
    var dataset: String

    @Option(name: [.short, .customLong("output")], help: Help.option("help.option.compile.output"))
    var output: String

    func run() throws {
        let loaded = try DatasetOptions.parse([dataset]).load()
        do {
            try DatasetLoader.writeSnapshot(of: loaded.network, to: output)
        } catch {
            Output.error("cannot write \(error.description)")
            throw ExitStatus.invalidInput.exitCode
        }
        Output.say(
            "cli.compile.written", ("items", Output.n(loaded.network.itemCount)),
            ("records", Output.n(loaded.network.recordCount)), ("file", .literal(output)))
    }
}
