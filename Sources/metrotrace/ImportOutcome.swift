import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceIO

/// Writing an import's result into the dataset folder, and saying what happened.
enum ImportOutcome {
    static func write(
        _ addition: Dataset, into folder: String, label: String, placeholders: Set<String>,
        places: [String: (file: String, line: Int)] = [:], lock: DatasetFolderLock
    ) throws {
        do {
            let outcome = try DatasetAddition.add(
                addition, to: folder, label: label, replaceableEntities: placeholders, places: places, lock: lock)
            for id in outcome.skippedRecords.prefix(10) {
                Output.error("record \(id) is already in the dataset, identical; skipped")
            }
            if outcome.skippedRecords.count > 10 {
                Output.error(
                    "… and \(outcome.skippedRecords.count - 10) more records already in the dataset, identical; skipped"
                )
            }
            if let file = outcome.file {
                Output.error(
                    "\(addition.calibrations.count - outcome.skippedRecords.count) record(s) added to \(folder) as \(file)"
                )
            } else {
                Output.error("nothing new to add to \(folder)")
            }
        } catch {
            for diagnostic in error.log.sortedByPlace { Output.error(diagnostic.description) }
            Output.error("\(folder): nothing was written")
            throw ExitStatus.invalidInput.exitCode
        }
    }
}
