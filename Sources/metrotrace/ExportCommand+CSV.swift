import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceIO

extension ExportCommand {
    /// `metrotrace export csv DATASET --out DIR`.
    struct CSV: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csv",
            abstract:
                "Write a dataset as spreadsheet tables, one CSV file per entity (UTF-8 with BOM, CRLF), for WPS or Excel.",
            discussion:
                "Importing the tables again gives the same dataset (docs/spreadsheets.md). DIR must not exist or be empty; the tables appear in it all at once, or not at all."
        )

        @Argument(help: "A dataset file (JSON, format v1) or a folder of them.")
        var dataset: String

        @Option(name: .long, help: "The folder to write the tables to (created; must not exist or be empty).")
        var out: String

        func run() throws {
            let read: Dataset
            do {
                read = try DatasetLoader.readDataset(dataset).dataset
            } catch {
                for diagnostic in error.log.sortedByPlace { Output.error(diagnostic.description) }
                throw ExitStatus.invalidInput.exitCode
            }
            let tables = DatasetTables.write(read)
            do throws(AtomicFile.Failure) {
                // All tables or none: written into a hidden folder beside DIR, then renamed.
                try AtomicFile.createFolder(
                    out, files: tables.sorted { $0.key < $1.key }.map { ($0.key, Array($0.value.utf8)) })
            } catch {
                Output.error("cannot write the tables: \(error.description); nothing was written")
                throw ExitStatus.invalidInput.exitCode
            }
            Output.error(
                "\(read.labs.count) labs, \(read.items.count) items and \(read.calibrations.count) records written to \(out) (\(tables.count) tables)"
            )
        }
    }
}
