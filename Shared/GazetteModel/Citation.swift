/// Where a rule or a fact comes from: a document and a clause in it, printed as
/// `周政办字〔2020〕39号 四(一)2` or `周政办字〔2020〕38号 附件2 三`.
public struct Citation: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The 文号 as printed, or the title for a document without one.
    public var document: String
    /// `附件2` when the clause sits in an attachment.
    public var attachment: String?
    /// Numbers from the outermost section inwards.
    public var path: [SectionNumber]

    public init(document: String, attachment: String? = nil, path: [SectionNumber] = []) {
        self.document = document
        self.attachment = attachment
        self.path = path
    }

    /// The clause part alone: `四(一)2`, `附件2 三`.
    public var clause: String {
        let numbers = path.map(\.citationForm).joined()
        return [attachment, numbers.isEmpty ? nil : numbers].compactMap { $0 }.joined(separator: " ")
    }

    /// The clause as a fragment of its document's page: `四-一-2`, `附件2-三` (empty for the
    /// document itself), so that a citation is a link.
    public var anchor: String {
        ((attachment.map { [$0] } ?? []) + path.map(\.label)).joined(separator: "-")
    }

    public var description: String {
        clause.isEmpty ? document : "\(document) \(clause)"
    }

    /// Parses the printed form back (`周政办字〔2020〕39号 四(一)2`).
    public init?(parsing text: String) {
        var parts = text.split(separator: " ").map(String.init)
        guard !parts.isEmpty else { return nil }
        document = parts.removeFirst()
        attachment = parts.first.flatMap { $0.hasPrefix("附件") ? $0 : nil }
        if attachment != nil { parts.removeFirst() }
        guard parts.count <= 1 else { return nil }
        guard let clause = parts.first else { path = []; return }
        guard let numbers = Self.splitClause(clause) else { return nil }
        path = numbers
    }

    /// `四(一)2(1)①` → [四, (一), 2, (1), ①].
    static func splitClause(_ clause: String) -> [SectionNumber]? {
        var result: [SectionNumber] = []
        var rest = Substring(clause)
        while let first = rest.first {
            let token: Substring
            if first == "(" {
                guard let close = rest.firstIndex(of: ")") else { return nil }
                token = rest[...close]
            } else if first.isChineseNumeral {
                token = rest.prefix(while: \.isChineseNumeral)
            } else if first.isASCIIDigit {
                token = rest.prefix(while: \.isASCIIDigit)
            } else {
                token = rest.prefix(1)
            }
            guard let number = SectionNumber(citation: String(token)) else { return nil }
            result.append(number)
            rest = rest[token.endIndex...]
        }
        return result
    }
}
