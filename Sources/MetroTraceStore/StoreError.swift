import MetroTrace

/// A store that cannot be opened, read or written, or a write it refuses: the reason, in
/// either language.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var text: LocalizedText
    /// The problems of the data a write was refused for, when it was refused for them.
    public var dataset: DatasetError?

    /// An error with a message of the catalogues.
    public init(_ text: LocalizedText, dataset: DatasetError? = nil) {
        self.text = text
        self.dataset = dataset
    }

    /// The error in English.
    public var description: String { rendered(in: .english) }

    /// The error in `language`, with the data's problems after it.
    public func rendered(in language: Language) -> String {
        var lines = [text.rendered(in: language)]
        if let dataset { lines.insert(dataset.rendered(in: language), at: 0) }
        return lines.joined(separator: "\n")
    }
}
