import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceIO
import MetroTraceStore

extension ImportCommand {
    /// `metrotrace import dcc FILE… --into DATASET`.
    struct DCC: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dcc",
            abstract: Help.text("help.import-dcc.abstract", width: 68),
            discussion: Help.text("help.import-dcc.discussion") + """


                \(Help.text("help.examples"))
                  metrotrace import dcc certificates/*.xml --into data/centre
                  metrotrace import dcc cert.xml --into data/centre --schemas ~/dcc-schemas
                  metrotrace import dcc certificates/*.xml --into centre.mtdb --as wang.li
                """
        )

        @Argument(help: Help.option("help.option.dcc.files"))
        var files: [String]

        @Option(name: .long, help: Help.option("help.option.dcc.into"))
        var into: String

        @Option(name: .long, help: Help.option("help.option.dcc.schemas"))
        var schemas: String?

        @Flag(
            name: .customLong("allow-unvalidated"),
            help: Help.option("help.option.dcc.allow-unvalidated"))
        var allowUnvalidated = false

        @Flag(name: .long, help: Help.option("help.option.dcc.quiet"))
        var quiet = false

        @OptionGroup var lockOptions: FolderLockOptions

        @OptionGroup var author: AuthorOptions

        func run() throws {
            // Held from reading the dataset (to match certificates to it) until the new
            // document is written, so that a concurrent import sees this one's records.
            // A store: certificates are matched to its dataset as it is now, and the
            // commit checks the addition again under the store's write lock.
            let toStore = CentreStore.isStore(into)
            let lock = toStore ? nil : try lockOptions.lock(into)
            defer { lock?.release() }
            let existing: Dataset
            if toStore {
                do {
                    existing = try openStore(into).replay().dataset
                } catch let error as StoreError {
                    Output.error(error.rendered(in: Help.language))
                    throw ExitStatus.invalidInput.exitCode
                }
            } else {
                existing = (try? DatasetLoader.readDataset(into).dataset) ?? Dataset()
            }
            let importer = DCCImporter(
                schemas: DCCSchemas(locations: DCCSchemas.searchPath(explicit: schemas)), dataset: existing,
                allowsUnvalidated: allowUnvalidated)
            let batch = importer.importFiles(files) { imported in
                for diagnostic in imported.diagnostics
                where diagnostic.severity == .error || !quiet || !diagnostic.message.contains("not mapped") {
                    Output.error(diagnostic.rendered(in: Help.language))
                }
                guard let record = imported.record else {
                    Output.say("cli.dcc.file-refused", ("file", .literal(imported.file)))
                    return
                }
                let validation: LocalizedText =
                    switch imported.validation {
                    case .valid(let schema): .key("cli.dcc.valid", ("schema", .literal(schema)))
                    case .unavailable: .key("cli.dcc.not-validated")
                    case .invalid, nil: .key("cli.dcc.invalid")
                    }
                Output.say(
                    "cli.dcc.imported", ("file", .literal(imported.file)), ("record", .literal(record.id)),
                    ("points", Output.n(record.points.count)), ("references", Output.n(record.references.count)),
                    ("validation", validation))
            }
            if let lock {
                try ImportOutcome.write(
                    batch.addition, into: into, label: "dcc", placeholders: batch.placeholders, lock: lock)
            } else {
                try ImportOutcome.commit(
                    batch.addition, into: into, label: "dcc", placeholders: batch.placeholders, author: author)
            }
            if batch.refusedCount > 0 {
                Output.say(
                    "cli.dcc.refused", ("refused", Output.n(batch.refusedCount)), ("count", Output.n(files.count)))
                throw ExitStatus.invalidInput.exitCode
            }
        }
    }
}
