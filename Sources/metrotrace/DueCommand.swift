import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceIO

/// `metrotrace due DATASET --at D --within 30d`: what falls due, and what it would block.
struct DueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: Help.text("help.due.abstract", width: 68),
        discussion: Help.text("help.due.discussion") + """


            \(Help.text("help.examples"))
              metrotrace due data/jiangxi --at 2026-11-26 --within 3m
              metrotrace due data/jiangxi --issuer JXIM --within 1y --format csv -o plan.csv
              metrotrace due data/jiangxi --lab ENV --format ics -o ENV.ics
            """
    )

    @OptionGroup var options: DatasetOptions

    @Option(help: Help.option("help.option.due.within"))
    var within: String = "30d"

    @Option(help: Help.option("help.option.due.lab"))
    var lab: String?

    @Option(help: Help.option("help.option.due.issuer"))
    var issuer: String?

    @Option(help: Help.option("help.option.format.due"))
    var format: DueFormat = .table

    @Option(name: [.short, .customLong("output")], help: Help.option("help.option.output"))
    var output: String?

    enum DueFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv, ics
    }

    /// The window in days from its text.
    static func days(_ text: String, from day: Day) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = trimmed.last else { return nil }
        let numberPart = unit.isNumber ? trimmed : String(trimmed.dropLast())
        guard let number = Int(numberPart), number >= 0, number <= 36_500 else { return nil }
        switch unit {
        case "d": return number
        case _ where unit.isNumber: return number
        case "w": return number * 7
        case "m": return day.distance(to: day.adding(months: number))
        case "y": return day.distance(to: day.adding(months: 12 * number))
        default: return nil
        }
    }

    func run() throws {
        let (loaded, analysis, _) = try options.analyse()
        guard let days = Self.days(within, from: options.day) else {
            Output.say("cli.due.within", ("text", .literal(within)))
            throw ExitStatus.invalidInput.exitCode
        }
        let network = loaded.network
        let owner = try Lookup.lab(lab, in: network, dataset: options.dataset).flatMap(network.lab(id:))
        let issuing = try Lookup.lab(issuer, in: network, dataset: options.dataset).flatMap(network.lab(id:))
        let report = DueReport(
            network: network, plan: analysis.duePlan(at: options.day, within: days, lab: owner, issuer: issuing))
        let terminal = options.display.terminal
        if format == .table, output == nil {
            terminal.show(report.text(terminal.text))
            if report.hasOverdue { throw ExitStatus.findings.exitCode }
            return
        }
        let text =
            switch format {
            case .table: report.text()
            case .json: report.json().rendered()
            case .csv: report.csv()
            case .ics: report.ics(TextOptions(language: Help.language))
            }
        try Output.write(text, to: output)
        if report.hasOverdue { throw ExitStatus.findings.exitCode }
    }
}
