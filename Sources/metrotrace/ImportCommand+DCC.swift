import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceIO

extension ImportCommand {
    /// `metrotrace import dcc FILE… --into DATASET`.
    struct DCC: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dcc",
            abstract: Help.text("help.import-dcc.abstract"),
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

                \(Help.text("help.examples"))
                  metrotrace import dcc certificates/*.xml --into data/centre
                  metrotrace import dcc cert.xml --into data/centre --schemas ~/dcc-schemas
                """
        )

        @Argument(help: "Certificate files (.xml).")
        var files: [String]

        @Option(name: .long, help: "The dataset folder to add the records to (created when missing).")
        var into: String

        @Option(name: .long, help: "A folder of DCC and D-SI schemas (XSD), searched first.")
        var schemas: String?

        @Flag(
            name: .customLong("allow-unvalidated"),
            help: "Import certificates whose schema cannot be found, with a warning, instead of refusing them.")
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
            let importer = DCCImporter(
                schemas: DCCSchemas(locations: DCCSchemas.searchPath(explicit: schemas)), dataset: existing,
                allowsUnvalidated: allowUnvalidated)
            let batch = importer.importFiles(files) { imported in
                for diagnostic in imported.diagnostics
                where diagnostic.severity == .error || !quiet || !diagnostic.message.contains("not mapped") {
                    Output.error(diagnostic.description)
                }
                guard let record = imported.record else {
                    Output.error("\(imported.file): refused")
                    return
                }
                let validation =
                    switch imported.validation {
                    case .valid(let schema): "valid against \(schema)"
                    case .unavailable: "not validated"
                    case .invalid, nil: "invalid"
                    }
                Output.error(
                    "\(imported.file): record \(record.id), \(record.points.count) point(s), \(record.references.count) reference(s), \(validation)"
                )
            }
            try ImportOutcome.write(
                batch.addition, into: into, label: "dcc", placeholders: batch.placeholders, lock: lock)
            if batch.refusedCount > 0 {
                Output.error("\(batch.refusedCount) of \(files.count) certificate(s) refused")
                throw ExitStatus.invalidInput.exitCode
            }
        }
    }
}
