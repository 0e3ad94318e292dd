import Foundation

/// An other name of a unit, and where it was printed.
public struct UnitAlias: Hashable, Sendable, Codable {
    public var canonical: String
    public var otherName: String
    public var source: String
}

/// Turns the names units are printed under into the one name they are filed under.
///
/// The known other names come from data (`Data/unit-aliases.csv`), never from code, so a new
/// spelling in a later gazette is a data edit.
public struct UnitNames: Sendable {
    public private(set) var aliases: [UnitAlias]
    private var canonicalByKey: [String: String]
    private var prefixes: [(long: String, short: String)]
    /// Every name the alias table knows, canonical or other, longest first (for prefix matching).
    let knownNames: [String]
    /// The same names by their first character: a segment is compared only with the names it
    /// could start with (this runs for every roster line and every unit list).
    private let knownNamesByFirst: [Character: [String]]

    public init(aliases: [UnitAlias], prefixes: [(long: String, short: String)] = []) {
        self.aliases = aliases
        self.prefixes = prefixes.sorted { $0.long.count > $1.long.count }
        canonicalByKey = [:]
        for alias in aliases {
            canonicalByKey[Normalize.key(alias.otherName)] = alias.canonical
        }
        knownNames = Set(aliases.flatMap { [$0.canonical, Normalize.key($0.otherName)] }).sorted { $0.count > $1.count }
        knownNamesByFirst = Dictionary(grouping: knownNames.filter { !$0.isEmpty }, by: { $0.first! })
    }

    /// The aliases shipped with the package.
    public static let standard: UnitNames = {
        guard let url = Bundle.module.url(forResource: "unit-aliases", withExtension: "csv"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { return UnitNames(aliases: []) }
        var aliases: [UnitAlias] = []
        var prefixes: [(String, String)] = []
        let table = try? CSVTable(text: text, file: "unit-aliases.csv", columns: [.init("canonical"), .init("other_name"), .init("source")], comments: true)
        for row in table?.rows ?? [] {
            guard let canonical = row.value("canonical"), let other = row.value("other_name"), let source = row.value("source") else { continue }
            if canonical == "*prefix*" {
                prefixes.append((other, source))
            } else {
                aliases.append(UnitAlias(canonical: canonical, otherName: other, source: source))
            }
        }
        return UnitNames(aliases: aliases, prefixes: prefixes)
    }()

    /// The name a unit is filed under: spaces and punctuation tidied, district prefix shortened,
    /// other names resolved.
    public func canonical(_ raw: String) -> String {
        var key = Normalize.key(raw)
        if let collective = Self.collectives.first(where: { $0.0 == key || $0.1 == key }) { return collective.1 }
        for prefix in prefixes where key.hasPrefix(prefix.long) && key.count > prefix.long.count + 1 {
            key = prefix.short + key.dropFirst(prefix.long.count)
            break
        }
        return canonicalByKey[key] ?? key
    }

    /// Other names known for a canonical name.
    public func otherNames(of canonical: String) -> [UnitAlias] {
        aliases.filter { $0.canonical == canonical }
    }

    // MARK: - Affiliations

    /// Splits a roster's unit-and-titles text (`区财政局党组成员、副局长、二级主任科员`) into the unit
    /// the person sits for and their titles (`区财政局`; `党组成员`, `副局长`, `二级主任科员`).
    public func affiliation(_ raw: String) -> Affiliation {
        let text = Normalize.key(raw)
        let segments = text.split(separator: "、").map(String.init).filter { !$0.isEmpty }
        var unit: String?
        var units: [String] = []
        var titles: [String] = []
        for segment in segments {
            if let (name, rest) = leadingUnit(segment) {
                let canonicalName = canonical(name)
                if !units.contains(canonicalName) { units.append(canonicalName) }
                if unit == nil {
                    unit = canonicalName
                    titles.append(rest.isEmpty ? segment : rest)
                } else {
                    titles.append(segment)
                }
            } else {
                titles.append(segment)
            }
        }
        return Affiliation(unit: unit, units: units, titles: titles, printed: text)
    }

    /// The unit a title segment starts with, and the title after it.
    public func leadingUnit(_ segment: String) -> (String, String)? {
        guard let first = segment.first else { return nil }
        for name in knownNamesByFirst[first] ?? [] where segment.hasPrefix(name) {
            return (name, String(segment.dropFirst(name.count)))
        }
        let characters = Array(segment)
        guard characters.count >= 2 else { return nil }
        for end in 2...characters.count {
            guard Self.unitEndingCharacters.contains(where: { ending in
                ending.count <= end && characters[(end - ending.count)..<end].elementsEqual(ending)
            }) else { continue }
            var unitEnd = end
            let rest = characters[end...]
            if let extension_ = Self.unitExtensionCharacters.first(where: { rest.starts(with: $0) }) {
                unitEnd += extension_.count
            }
            return (String(characters[..<unitEnd]), String(characters[unitEnd...]))
        }
        return nil
    }

    /// Words that end a unit's name, checked at every position from the left; the first hit wins.
    static let unitEndings = [
        "委员会", "管委会", "办公室", "党工委", "政府", "分局", "支行", "中心", "大队", "法院", "检察院",
        "局", "院", "委", "厅", "部", "处", "所", "站",
    ]
    /// Words that, right after a unit's name, make it a longer one (`区政府` + `办公室`).
    static let unitExtensions = ["办公室", "分局", "支行", "管委会"]
    static let unitEndingCharacters = unitEndings.map(Array.init)
    static let unitExtensionCharacters = unitExtensions.map(Array.init)

    // MARK: - Unit lists

    /// The units of a list such as `区自然资源局、区农业农村局、区法院，各镇、街道，周村经济开发区`,
    /// canonical and without repeats. `各镇、街道` is one collective unit, printed as `各镇（街道）`.
    public func list(_ raw: String) -> [String] {
        var seen = Set<String>()
        return tokens(raw).compactMap(\.canonical).filter { seen.insert($0).inserted }
    }

    static let collectives = [
        ("各镇、街道", "各镇（街道）"), ("各镇街道", "各镇（街道）"), ("各镇(街道)", "各镇（街道）"),
    ]
}

/// The unit a person sits for and the titles printed with their name.
public struct Affiliation: Hashable, Sendable, Codable {
    /// The first unit named, canonical.
    public var unit: String?
    /// Every unit named, canonical, first one first (for matching people across documents).
    public var units: [String]
    public var titles: [String]
    /// The whole text as printed, spaces removed.
    public var printed: String
}
