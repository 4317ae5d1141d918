import ArgumentParser

/// `metrotrace import dcc|csv … --into DATASET`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: Help.text("help.import.abstract", width: 68),
        discussion: """
            An import never rewrites the dataset's files: what it reads is written as a new \
            document (NN-import-LABEL.json) in the folder, after checking that the dataset \
            with it still loads. A record id already in the dataset is skipped when \
            identical and refused when different.
            """,
        subcommands: [DCC.self, CSV.self]
    )
}
