import MetroTrace

/// Which items `check` lists: by status, owner lab, quantity, kind and id pattern. An
/// empty filter lists every item.
public struct CheckFilter: Hashable, Sendable {
    /// The statuses listed; empty: all.
    public var statuses: Set<Status> = []
    /// The owner lab's id; nil: any.
    public var lab: String?
    /// The quantity's name (e.g. `mass`); nil: any.
    public var quantity: String?
    /// The kind; nil: any.
    public var kind: ItemKind?
    /// A glob over item ids (`*`, `?`, `[…]`), compared case-insensitively; nil: any.
    public var itemPattern: String?

    /// A filter.
    public init(
        statuses: Set<Status> = [], lab: String? = nil, quantity: String? = nil, kind: ItemKind? = nil,
        itemPattern: String? = nil
    ) {
        self.statuses = statuses
        self.lab = lab
        self.quantity = quantity
        self.kind = kind
        self.itemPattern = itemPattern
    }

    /// Whether nothing is filtered out.
    public var isEmpty: Bool { self == CheckFilter() }

    /// Whether the filter keeps `item`, whose status is `status`.
    public func keeps(_ item: ItemIndex, status: Status, in network: Network) -> Bool {
        if !statuses.isEmpty, !statuses.contains(status) { return false }
        if let lab, network.lab(of: item).map({ network.id(of: $0) }) != lab { return false }
        if let quantity, network.quantity(of: item).name != quantity { return false }
        if let kind, network.kind(of: item) != kind { return false }
        if let itemPattern, !Glob.matches(itemPattern, network.id(of: item)) { return false }
        return true
    }

    /// The filter as JSON members (only those given), for the report to say what it lists.
    var json: JSONOutputValue {
        var members: [JSONOutputValue.Member] = []
        if !statuses.isEmpty {
            members.append(
                .init("status", .array(Status.allCases.filter(statuses.contains).map { .string($0.rawValue) })))
        }
        if let lab { members.append(.init("lab", .string(lab))) }
        if let quantity { members.append(.init("quantity", .string(quantity))) }
        if let kind { members.append(.init("kind", .string(kind.rawValue))) }
        if let itemPattern { members.append(.init("item", .string(itemPattern))) }
        return .object(members)
    }
}

/// Shell-style patterns: `*` any run, `?` any one character, `[abc]`, `[a-z]`, `[!a]`;
/// compared case-insensitively.
public enum Glob {
    /// Whether `text` matches `pattern` whole.
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        match(Array(pattern.lowercased()), 0, Array(text.lowercased()), 0)
    }

    private static func match(_ p: [Character], _ pi: Int, _ t: [Character], _ ti: Int) -> Bool {
        var pi = pi
        var ti = ti
        // Backtracking point of the last `*`: linear in practice, never exponential.
        var star: (p: Int, t: Int)?
        while ti < t.count {
            if pi < p.count, p[pi] == "*" {
                star = (pi, ti)
                pi += 1
                continue
            }
            if pi < p.count, let next = single(p, pi, t[ti]) {
                if next.matched {
                    pi = next.end
                    ti += 1
                    continue
                }
            }
            guard let resume = star else { return false }
            pi = resume.p + 1
            ti = resume.t + 1
            star = (resume.p, resume.t + 1)
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// Whether the pattern element at `index` matches `character`, and where the next
    /// element starts; nil at a `*`.
    private static func single(_ p: [Character], _ index: Int, _ character: Character) -> (matched: Bool, end: Int)? {
        switch p[index] {
        case "*": return nil
        case "?": return (true, index + 1)
        case "[":
            var i = index + 1
            let negated = i < p.count && (p[i] == "!" || p[i] == "^")
            if negated { i += 1 }
            var found = false
            var first = true
            while i < p.count, p[i] != "]" || first {
                first = false
                if i + 2 < p.count, p[i + 1] == "-", p[i + 2] != "]" {
                    if p[i] <= character && character <= p[i + 2] { found = true }
                    i += 3
                } else {
                    if p[i] == character { found = true }
                    i += 1
                }
            }
            guard i < p.count else { return (p[index] == character, index + 1) }  // No `]`: a literal `[`.
            return (found != negated, i + 1)
        default: return (p[index] == character, index + 1)
        }
    }
}
