import ArgumentParser
import MetroTraceIO

/// How an import waits for another import into the same folder.
struct FolderLockOptions: ParsableArguments {
    @Option(
        name: .customLong("lock-timeout"),
        help: Help.option("help.option.lock-timeout"))
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
                Output.say("cli.import.waiting", ("folder", .literal(folder)))
            }
        } catch {
            for diagnostic in error.log.sortedByPlace { Output.error(diagnostic.rendered(in: Help.language)) }
            Output.say("cli.nothing-written", ("folder", .literal(folder)))
            throw ExitStatus.invalidInput.exitCode
        }
    }
}
