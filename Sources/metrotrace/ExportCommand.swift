import ArgumentParser

/// `metrotrace export csv …`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: Help.text("help.export.abstract", width: 68),
        subcommands: [CSV.self]
    )
}
