/// "Did you mean …": the known names closest to a mistyped one, by edit distance
/// (Levenshtein, case-insensitive, on Unicode scalars so that Chinese names compare
/// character by character).
public enum Suggestions {
    /// The (at most) `count` names of `candidates` closest to `word`, closest first, ties
    /// in the candidates' order; only names within a third of the longer name's length
    /// (at least 2) edits, or that contain the word or are contained in it.
    public static func closest(to word: String, among candidates: some Sequence<String>, count: Int = 3) -> [String] {
        let target = Array(word.lowercased().unicodeScalars)
        var scored: [(distance: Int, position: Int, name: String)] = []
        for (position, candidate) in candidates.enumerated() {
            let lowered = candidate.lowercased()
            let scalars = Array(lowered.unicodeScalars)
            let limit = max(2, max(scalars.count, target.count) / 3)
            // Cheap bound first: the length difference is at least the distance.
            let containsEither =
                !target.isEmpty && (lowered.contains(word.lowercased()) || word.lowercased().contains(lowered))
            guard containsEither || abs(scalars.count - target.count) <= limit else { continue }
            let distance = editDistance(target, scalars)
            if distance <= limit || containsEither { scored.append((distance, position, candidate)) }
        }
        scored.sort { ($0.distance, $0.position) < ($1.distance, $1.position) }
        var seen: Set<String> = []
        var names: [String] = []
        for entry in scored where names.count < count && seen.insert(entry.name).inserted { names.append(entry.name) }
        return names
    }

    /// The Levenshtein distance between two scalar sequences.
    public static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
