import Foundation
import MetroTrace
import Synchronization

/// A one-line progress bar on standard error, drawn only when it is a terminal.
final class ProgressBar: @unchecked Sendable {
    let label: String
    let isTerminal = isatty(STDERR_FILENO) == 1
    var lastDrawn = -1

    init(label: String) { self.label = label }

    func update(_ done: Int, _ total: Int) {
        guard isTerminal, total > 0 else { return }
        let percent = done * 100 / total
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        let width = 30
        let filled = done * width / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(done)/\(total)".utf8))
    }

    func finish() {
        if isTerminal, lastDrawn >= 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

/// What a long step is doing, on standard error, only on a terminal and only once it has
/// taken more than a second: `⠹ 读取数据集 data/national … 2.4 s`, redrawn ten times a
/// second and erased when the step ends. Nothing is written through a pipe.
final class Activity: Sendable {
    /// Whether the step has ended.
    private let finished = Atomic<Bool>(false)
    private let label: String

    private init(label: String) { self.label = label }

    /// Runs `work`, showing `label` with the time taken while it runs over a second.
    static func run<T, Failure: Error>(_ label: String, _ work: () throws(Failure) -> T) throws(Failure) -> T {
        guard isatty(STDERR_FILENO) == 1 else { return try work() }
        let activity = Activity(label: label)
        let thread = Thread { activity.draw() }
        thread.start()
        defer { activity.finished.store(true, ordering: .releasing) }
        return try work()
    }

    /// Waits a second, then redraws the line until the step ends, then erases it.
    private func draw() {
        let start = Date()
        let frames = Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")
        var frame = 0
        var drawn = false
        while !finished.load(ordering: .acquiring) {
            Thread.sleep(forTimeInterval: 0.1)
            let elapsed = Date().timeIntervalSince(start)
            guard elapsed >= 1, !finished.load(ordering: .acquiring) else { continue }
            let text = "\r\(frames[frame % frames.count]) \(label) … \(String(format: "%.1f", elapsed)) s"
            FileHandle.standardError.write(Data(text.utf8))
            frame += 1
            drawn = true
        }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
