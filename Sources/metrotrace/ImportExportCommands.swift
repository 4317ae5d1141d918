import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceIO

/// `metrotrace import dcc|csv … --into DATASET`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add certificates or spreadsheet tables to a dataset folder, as a new document.",
        discussion: """
            An import never rewrites the dataset's files: what it reads is written as a new \
            document (NN-import-LABEL.json) in the folder, after checking that the dataset \
            with it still loads. A record id already in the dataset is skipped when \
            identical and refused when different.
            """,
        subcommands: [ImportDCCCommand.self, ImportCSVCommand.self]
    )
}

/// `metrotrace import dcc FILE… --into DATASET`.
struct ImportDCCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dcc",
        abstract: "Import Digital Calibration Certificates (PTB DCC XML 2.4 to 3.3) as calibration records.",
        discussion: """
            Each certificate is validated against the schema of its version \
            (dcc_vX.Y.Z.xsd, with the SI_Format_vX.Y.Z.xsd it imports and, where it imports \
            it, xmldsig-core-schema.xsd). Schemas are looked for in --schemas DIR, then \
            $METROTRACE_DCC_SCHEMAS, then $XDG_DATA_HOME/metrotrace/dcc-schemas \
            (~/.local/share/metrotrace/dcc-schemas), then metrotrace/dcc-schemas under each \
            of $XDG_DATA_DIRS (/usr/local/share, /usr/share). A certificate that breaks its \
            schema is refused; so is one whose schema cannot be found, unless \
            --allow-unvalidated is given. Items, labs and reference standards the dataset \
            lacks are created from the certificate with a warning; everything not mapped is \
            listed with its XPath (docs/dcc-import.md). Exit status 2 when any certificate \
            is refused; the others are still imported.
            """
    )

    @Argument(help: "Certificate files (.xml).")
    var files: [String]

    @Option(name: .long, help: "The dataset folder to add the records to (created when missing).")
    var into: String

    @Option(name: .long, help: "A folder of DCC and D-SI schemas (XSD), searched first.")
    var schemas: String?

    @Flag(name: .customLong("allow-unvalidated"), help: "Import certificates whose schema cannot be found, with a warning, instead of refusing them.")
    var allowUnvalidated = false

    @Flag(name: .long, help: "Do not print what was not mapped, only errors and created entities.")
    var quiet = false

    @OptionGroup var lockOptions: FolderLockOptions

    func run() throws {
        // Held from reading the dataset (to match certificates to it) until the new
        // document is written, so that a concurrent import sees this one's records.
        let lock = try lockOptions.lock(into)
        defer { lock.release() }
        let existing = (try? DatasetLoader.readDataset(into).dataset) ?? Dataset()
        let importer = DCCImporter(schemas: DCCSchemas(locations: DCCSchemas.searchPath(explicit: schemas)), dataset: existing,
                                   allowsUnvalidated: allowUnvalidated)
        var addition = Dataset()
        var placeholders: Set<String> = []
        var refused = 0
        for file in files {
            let imported = importer.importFile(file)
            for diagnostic in imported.diagnostics where diagnostic.severity == .error || !quiet || !diagnostic.message.contains("not mapped") {
                Output.error(diagnostic.description)
            }
            guard let record = imported.record else {
                refused += 1
                Output.error("\(file): refused")
                continue
            }
            addition.calibrations.append(record)
            for item in imported.createdItems where !addition.items.contains(where: { $0.id == item.id }) { addition.items.append(item) }
            for lab in imported.createdLabs where !addition.labs.contains(where: { $0.id == lab.id }) { addition.labs.append(lab) }
            placeholders.formUnion(imported.createdItems.map(\.id) + imported.createdLabs.map(\.id))
            let validation = switch imported.validation {
            case .valid(let schema): "valid against \(schema)"
            case .unavailable: "not validated"
            case .invalid, nil: "invalid"
            }
            Output.error("\(file): record \(record.id), \(record.points.count) point(s), \(record.references.count) reference(s), \(validation)")
        }
        try ImportOutcome.write(addition, into: into, label: "dcc", placeholders: placeholders, lock: lock)
        if refused > 0 {
            Output.error("\(refused) of \(files.count) certificate(s) refused")
            throw ExitStatus.invalidInput.exitCode
        }
    }
}

/// `metrotrace import csv DIR --into DATASET`.
struct ImportCSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Import a folder of spreadsheet tables (docs/spreadsheets.md) into a dataset folder.",
        discussion: "Every problem names its file, line and column; with any error nothing is written (exit status 2)."
    )

    @Argument(help: "The folder holding labs.csv, items.csv, calibrations.csv and the other tables.")
    var tables: String

    @Option(name: .long, help: "The dataset folder to add to (created when missing).")
    var into: String

    @OptionGroup var lockOptions: FolderLockOptions

    func run() throws {
        let dataset: Dataset
        do {
            let (read, warnings) = try DatasetTablesReader.readDataset(directory: tables)
            for warning in warnings.warnings { Output.error(warning.description) }
            dataset = read
        } catch {
            for diagnostic in error.log.sortedByPlace { Output.error(diagnostic.description) }
            Output.error("\(tables): \(error.log.errorCount) error(s); nothing was imported")
            throw ExitStatus.invalidInput.exitCode
        }
        let lock = try lockOptions.lock(into)
        defer { lock.release() }
        try ImportOutcome.write(dataset, into: into, label: "csv", placeholders: [], lock: lock)
    }
}

/// `metrotrace export csv DATASET --out DIR`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a dataset in another form.",
        subcommands: [ExportCSVCommand.self]
    )
}

struct ExportCSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Write a dataset as spreadsheet tables, one CSV file per entity (UTF-8 with BOM, CRLF), for WPS or Excel.",
        discussion: "Importing the tables again gives the same dataset (docs/spreadsheets.md). DIR must not exist or be empty; the tables appear in it all at once, or not at all."
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
            try AtomicFile.createFolder(out, files: tables.sorted { $0.key < $1.key }.map { ($0.key, Array($0.value.utf8)) })
        } catch {
            Output.error("cannot write the tables: \(error.description); nothing was written")
            throw ExitStatus.invalidInput.exitCode
        }
        Output.error("\(read.labs.count) labs, \(read.items.count) items and \(read.calibrations.count) records written to \(out) (\(tables.count) tables)")
    }
}

/// Writing an import's result into the dataset folder, and saying what happened.
enum ImportOutcome {
    static func write(_ addition: Dataset, into folder: String, label: String, placeholders: Set<String>,
                      lock: DatasetFolderLock) throws {
        do {
            let outcome = try DatasetAddition.add(addition, to: folder, label: label, replaceableEntities: placeholders, lock: lock)
            for id in outcome.skippedRecords.prefix(10) { Output.error("record \(id) is already in the dataset, identical; skipped") }
            if outcome.skippedRecords.count > 10 {
                Output.error("… and \(outcome.skippedRecords.count - 10) more records already in the dataset, identical; skipped")
            }
            if let file = outcome.file {
                Output.error("\(addition.calibrations.count - outcome.skippedRecords.count) record(s) added to \(folder) as \(file)")
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

/// How an import waits for another import into the same folder.
struct FolderLockOptions: ParsableArguments {
    @Option(name: .customLong("lock-timeout"), help: "How long to wait for another import into the same folder to finish, in seconds.")
    var lockTimeout: Double = 120

    func validate() throws {
        guard lockTimeout.isFinite, lockTimeout >= 0 else {
            throw ValidationError("--lock-timeout must be a number of seconds, 0 or more")
        }
    }

    /// Takes the folder's lock; exits 2 when it cannot.
    func lock(_ folder: String) throws -> DatasetFolderLock {
        do {
            return try DatasetFolderLock.acquire(folder, timeout: lockTimeout) {
                Output.error("\(folder): another import into this folder is running; waiting for it to finish")
            }
        } catch {
            for diagnostic in error.log.sortedByPlace { Output.error(diagnostic.description) }
            Output.error("\(folder): nothing was written")
            throw ExitStatus.invalidInput.exitCode
        }
    }
}
