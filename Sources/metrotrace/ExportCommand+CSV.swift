import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceIO

extension ExportCommand {
    /// `metrotrace export csv DATASET --out DIR`.
    struct CSV: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csv",
            abstract: Help.text("help.export-csv.abstract", width: 68),
            discussion: Help.text("help.export-csv.discussion") + """


                \(Help.text("help.examples"))
                  metrotrace export csv data/jiangxi --out jiangxi-tables
                  metrotrace export csv data/jiangxi --out jiangxi-tables --force --lang zh-Hans
                """
        )

        @Argument(help: Help.option("help.option.dataset-or-folder"))
        var dataset: String

        @Option(name: .long, help: Help.option("help.option.export.out"))
        var out: String

        @Flag(help: Help.option("help.option.export.force"))
        var force = false

        @Option(
            name: .customLong("lang"),
            help: Help.option("help.option.export.lang"))
        var language: Language?

        func run() throws {
            let read: Dataset
            do {
                read = try DatasetLoader.readDataset(dataset).dataset
            } catch {
                for diagnostic in error.log.sortedByPlace { Output.error(diagnostic.rendered(in: Help.language)) }
                throw ExitStatus.invalidInput.exitCode
            }
            let language = language ?? Help.language
            let tables = DatasetTables.write(read, headers: language)
            let files = tables.sorted { $0.key < $1.key }.map { ($0.key, Array($0.value.utf8)) }
            if !force, let existing = try? FileManager.default.contentsOfDirectory(atPath: out).sorted(),
                let first = existing.first
            {
                let tables = Set(DatasetTables.all.map(\.file))
                Output.error(
                    existing.allSatisfy(tables.contains)
                        ? "\(out) already holds tables (\(first) …); give --force to replace them, or write elsewhere; nothing was written"
                        : "\(out)/\(first) is in the way: the folder is not empty (it must not exist, be empty, or with --force hold only tables); nothing was written"
                )
                throw ExitStatus.invalidInput.exitCode
            }
            do throws(AtomicFile.Failure) {
                // All tables or none: written into a hidden folder beside DIR, then renamed.
                if force {
                    try AtomicFile.replaceFolder(out, files: files, replaceable: Set(DatasetTables.all.map(\.file)))
                } else {
                    try AtomicFile.createFolder(out, files: files)
                }
            } catch {
                Output.error("cannot write the tables: \(error.description); nothing was written")
                throw ExitStatus.invalidInput.exitCode
            }
            Output.say(
                "cli.export.written", ("labs", Output.n(read.labs.count)), ("items", Output.n(read.items.count)),
                ("records", Output.n(read.calibrations.count)), ("folder", .literal(out)),
                ("tables", Output.n(tables.count)))
        }
    }
}
