import ArgumentParser
import MetroTrace
import MetroTraceIO

/// `metrotrace history DATASET ITEM`: every record of an item, its events and its users.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: Help.text("help.history.abstract"),
        discussion: """
            Each record of the item with its activity, lab, date, due date, the last day it \
            was in force, the item's status on the record's date through that record (with \
            the findings behind it), and the records that used the item while it was in force.
            Exit status: 0 shown, 2 invalid input.

            \(Help.text("help.examples"))
              metrotrace history data/jiangxi ENV-P-WS1
              metrotrace history data/jiangxi NMAT-M-WS1 --format json
              metrotrace history data/jiangxi JXIM-M-REF --lang zh-Hans
            """
    )

    @OptionGroup var options: DatasetOptions

    @Argument(help: "The item's id.")
    var item: String

    @Option(help: "Output format: text or json.")
    var format: TextOrJSON = .text

    func run() throws {
        let (loaded, analysis, _) = try options.analyse()
        let index = try Lookup.item(item, in: loaded.network, dataset: options.dataset)
        let report = HistoryReport(analysis: analysis, item: index)
        let terminal = options.display.terminal
        switch format {
        case .text: terminal.show(report.text(terminal.text))
        case .json: Output.print(report.json().rendered())
        }
    }
}

/// `metrotrace search DATASET TEXT`: items and records by id, name, serial number, lab.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: Help.text("help.search.abstract"),
        discussion: """
            Case-insensitive; Chinese text matches as written. Items are listed with where \
            the text was found and their status at --at; records by certificate id.
            Exit status: 0 something found, 1 nothing found, 2 invalid input.

            \(Help.text("help.examples"))
              metrotrace search data/jiangxi 砝码
              metrotrace search data/jiangxi ws1 --at 2026-11-26
              metrotrace search data/jiangxi JXIM-P-2025 --format json
            """
    )

    @OptionGroup var options: DatasetOptions

    @Argument(help: "The text to look for.")
    var text: String

    @Option(help: "Output format: text or json.")
    var format: TextOrJSON = .text

    func run() throws {
        let (_, analysis, _) = try options.analyse()
        let report = SearchReport(analysis: analysis, query: text, at: options.day)
        let terminal = options.display.terminal
        switch format {
        case .text: terminal.show(report.text(terminal.text))
        case .json: Output.print(report.json().rendered())
        }
        if report.isEmpty { throw ExitStatus.findings.exitCode }
    }
}

/// Text or JSON, for the commands that print a document rather than a table.
enum TextOrJSON: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
