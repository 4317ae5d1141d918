import ArgumentParser

/// `metrotrace export csv …`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a dataset in another form.",
        subcommands: [CSV.self]
    )
}
