import ArgumentParser
import Foundation
import MetroTrace
import MetroTraceIO

extension Language: ExpressibleByArgument {
    public init?(argument: String) { self.init(tag: argument) }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// When to colour the output.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    /// On a terminal, unless `NO_COLOR` is set.
    case auto
    /// Always (e.g. into `less -R`).
    case always
    /// Never.
    case never
}

/// How a command speaks to the person at the terminal: language, colour, width, paging.
struct DisplayOptions: ParsableArguments {
    @Option(
        name: .customLong("lang"),
        help: Help.option("help.option.lang"))
    var language: Language?

    @Option(help: Help.option("help.option.color"))
    var color: ColorChoice = .auto

    @Flag(help: Help.option("help.option.wide"))
    var wide = false

    @Option(help: Help.option("help.option.width"))
    var width: Int?

    @Flag(name: .customLong("no-pager"), help: Help.option("help.option.no-pager"))
    var noPager = false

    /// What the options and the environment give.
    var terminal: Terminal {
        let environment = ProcessInfo.processInfo.environment
        let isTerminal = isatty(STDOUT_FILENO) == 1
        let colours: Bool =
            switch color {
            case .always: true
            case .never: false
            case .auto: isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
            }
        var columns: Int?
        if !wide {
            if let width, width > 0 {
                columns = width
            } else if isTerminal {
                columns = Terminal.columns(environment: environment)
            }
        }
        return Terminal(
            // The parsed --lang is the one Help read before parsing (it validates and
            // documents it); one source, so that help, messages and output agree.
            language: language ?? Help.language, colours: colours, width: columns,
            pages: isTerminal && !noPager)
    }
}

/// The terminal a command writes to, as the options and the environment describe it.
struct Terminal {
    /// The language of every text.
    var language: Language
    /// Whether to colour with ANSI escapes.
    var colours: Bool
    /// The columns to fit to; nil: no limit (a pipe, a file, or `--wide`).
    var width: Int?
    /// Whether output longer than the screen goes through the pager.
    var pages: Bool

    /// The terminal's width: `COLUMNS` when set, else the window size of standard output.
    static func columns(environment: [String: String]) -> Int? {
        if let text = environment["COLUMNS"], let columns = Int(text), columns > 0 { return columns }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// The terminal's height in lines, when standard output is one.
    static func lines() -> Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return nil }
        return Int(size.ws_row)
    }

    /// How reports lay out their text for this terminal.
    var text: TextOptions { TextOptions(language: language, width: width, colours: colours) }

    /// Writes `text` to standard output, through `$PAGER` (default `less -R`) when it is
    /// longer than the screen and paging is on; straight out when the pager cannot start.
    func show(_ text: String) {
        guard pages, let height = Self.lines(), text.utf8.lazy.filter({ $0 == 0x0A }).count >= height else {
            return Output.print(text)
        }
        let environment = ProcessInfo.processInfo.environment
        let pager = environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? "less -R"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", pager]
        var pagerEnvironment = environment
        if pagerEnvironment["LESS"] == nil { pagerEnvironment["LESS"] = "FRX" }
        process.environment = pagerEnvironment
        let pipe = Pipe()
        process.standardInput = pipe
        do {
            try process.run()
        } catch {
            return Output.print(text)
        }
        // The pager may quit before reading everything (q in less): a broken pipe then
        // is not an error.
        signal(SIGPIPE, SIG_IGN)
        try? pipe.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try? pipe.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

/// Help texts in the language the command line asks for — `--lang` among the arguments,
/// else the locale — known before the arguments are parsed, since the parser builds its
/// help from them.
enum Help {
    /// The language of help and messages for this run.
    static let language: Language = {
        let arguments = CommandLine.arguments
        for (position, argument) in arguments.enumerated() {
            if argument == "--lang", position + 1 < arguments.count,
                let language = Language(tag: arguments[position + 1])
            {
                return language
            }
            if argument.hasPrefix("--lang="), let language = Language(tag: String(argument.dropFirst(7))) {
                return language
            }
        }
        return Language.fromEnvironment(ProcessInfo.processInfo.environment)
    }()

    /// The catalogue's text of `key` in ``language``; in Chinese each paragraph broken
    /// into lines of at most `width` terminal columns, since the parser wraps by
    /// characters and a Chinese character takes two columns.
    static func text(_ key: String, width: Int = 78, _ arguments: (String, LocalizedText)...) -> String {
        let text = LocalizedText.template(key, arguments.map { LocalizedText.Argument($0.0, $0.1) }).rendered(
            in: language)
        // The parser wraps English well; only Chinese, two columns a character, is broken here.
        guard language == .simplifiedChinese else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map {
            TextWidth.lines(String($0), width: width).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// An option's help: its text wrapped to the width the parser leaves beside the names.
    static func option(_ key: String) -> ArgumentHelp { ArgumentHelp(text(key, width: 52)) }

    /// An option's help with one argument (`{kinds}`).
    static func option(_ key: String, _ name: String, _ value: String) -> ArgumentHelp {
        ArgumentHelp(text(key, width: 52, (name, .literal(value))))
    }
}
