import ArgumentParser
import MetroTrace
import MetroTraceIO

/// `metrotrace history DATASET ITEM`: every record of an item, its events and its users.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: Help.text("help.history.abstract", width: 68),
        discussion: Help.text("help.history.discussion") + """


            \(Help.text("help.examples"))
              metrotrace history data/jiangxi ENV-P-WS1
              metrotrace history data/jiangxi NMAT-M-WS1 --format json
              metrotrace history data/jiangxi JXIM-M-REF --lang zh-Hans
            """
    )

    @OptionGroup var options: DatasetOptions

    @Argument(help: Help.option("help.option.item"))
    var item: String

    @Option(help: Help.option("help.option.format.text-json"))
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
        abstract: Help.text("help.search.abstract", width: 68),
        discussion: Help.text("help.search.discussion") + """


            \(Help.text("help.examples"))
              metrotrace search data/jiangxi 砝码
              metrotrace search data/jiangxi ws1 --at 2026-11-26
              metrotrace search data/jiangxi JXIM-P-2025 --format json
            """
    )

    @OptionGroup var options: DatasetOptions

    @Argument(help: Help.option("help.option.search.text"))
    var text: String

    @Option(help: Help.option("help.option.format.text-json"))
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
