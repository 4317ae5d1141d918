import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceIO

extension ImportCommand {
    /// `metrotrace import csv DIR --into DATASET`.
    struct CSV: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csv",
            abstract: Help.text("help.import-csv.abstract"),
            discussion: """
                Every problem names its file, line and column; with any error nothing is written (exit status 2).

                \(Help.text("help.examples"))
                  metrotrace import csv tables/ --into data/centre
                  metrotrace import csv 台账/ --into data/centre --lock-timeout 600
                """
        )

        @Argument(help: "The folder holding labs.csv, items.csv, calibrations.csv and the other tables.")
        var tables: String

        @Option(name: .long, help: "The dataset folder to add to (created when missing).")
        var into: String

        @OptionGroup var lockOptions: FolderLockOptions

        func run() throws {
            let dataset: Dataset
            let places: [String: (file: String, line: Int)]
            do {
                let read = try DatasetTablesReader.readDatasetWithPlaces(directory: tables)
                for warning in read.warnings.warnings { Output.error(warning.description) }
                dataset = read.dataset
                places = read.places
            } catch {
                for diagnostic in error.log.sortedByPlace { Output.error(diagnostic.description) }
                Output.error("\(tables): \(error.log.errorCount) error(s); nothing was imported")
                throw ExitStatus.invalidInput.exitCode
            }
            let lock = try lockOptions.lock(into)
            defer { lock.release() }
            try ImportOutcome.write(dataset, into: into, label: "csv", placeholders: [], places: places, lock: lock)
        }
    }
}
