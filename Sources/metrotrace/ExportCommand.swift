import ArgumentParser

/// `metrotrace export csv …`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: Help.text("help.export.abstract"),
        subcommands: [CSV.self]
    )
}
