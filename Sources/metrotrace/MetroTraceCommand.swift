import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceIO

/// `metrotrace`: metrological traceability chains from the terminal.
///
/// Exit status: 0 no error findings, 1 error findings, 2 invalid input.
@main
struct MetroTraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrotrace",
        abstract: Help.text("help.root.abstract", width: 68),
        discussion: Help.text("help.root.discussion"),
        version: "0.1.0",
        subcommands: [
            CheckCommand.self, ChainCommand.self, DiagramCommand.self, DiagramsCommand.self, SchemeCommand.self,
            GenerateCommand.self, CompileCommand.self, ImportCommand.self, ExportCommand.self, ImpactCommand.self,
            DueCommand.self, ReportCommand.self, CorrelationCommand.self, HistoryCommand.self, SearchCommand.self,
            DatabaseCommand.self,
        ]
    )

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // A mistyped subcommand gets the closest names, not the parser's list of all.
        let names = configuration.subcommands.map { $0._commandName } + ["help"]
        if let first = arguments.first, !first.hasPrefix("-"), !names.contains(first) {
            let close = Suggestions.closest(to: first, among: names)
            let hint = close.isEmpty ? "" : Lookup.didYouMean(first, names)
            let message = LocalizedText.key("cli.unknown-command", ("name", .literal(first)), ("hint", .literal(hint)))
            FileHandle.standardError.write(Data((message.rendered(in: Help.language) + "\n").utf8))
            Foundation.exit(ExitStatus.invalidInput.rawValue)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            if let exitCode = error as? ExitCode {
                Foundation.exit(exitCode.rawValue)
            }
            // Usage mistakes are invalid input: exit 2, with the parser's message.
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.invalidInput.rawValue)
        }
    }
}

/// The documented exit statuses.
enum ExitStatus: Int32 {
    /// No error findings.
    case ok = 0
    /// Error findings: something is not traceable.
    case findings = 1
    /// The input could not be used.
    case invalidInput = 2

    var exitCode: ExitCode { ExitCode(rawValue) }
}
