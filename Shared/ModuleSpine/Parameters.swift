import Foundation
import GazetteModel

/// A policy number with its unit, the dates it holds for and the clause it comes from.
///
/// Numbers live in each module's `parameters.json`, never in code: a later gazette that
/// changes a threshold is a data edit.
public struct Parameter: Codable, Sendable, Hashable {
    public var id: String
    /// What it is, in the gazette's words.
    public var label: String
    /// `万元`, `万美元`, `%`, `day`, `AQI` …
    public var unit: String
    public var values: [DatedValue]
    /// Anything a reader must know (`周政办字〔2019〕44号's numbers are not known`).
    public var note: String?
}

public struct DatedValue: Codable, Sendable, Hashable {
    /// Exact decimal, written as a string so that no binary rounding creeps in.
    public var value: Decimal
    public var from: CivilDate
    /// Last day in force; nil while still in force.
    public var to: CivilDate?
    /// `周政办字〔2020〕39号 四(一)1`.
    public var source: String

    enum CodingKeys: String, CodingKey { case value, from, to, source }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .value)
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw DecodingError.dataCorruptedError(forKey: .value, in: container, debugDescription: "not a decimal: \(text)")
        }
        self.value = value
        from = try container.decode(CivilDate.self, forKey: .from)
        to = try container.decodeIfPresent(CivilDate.self, forKey: .to)
        source = try container.decode(String.self, forKey: .source)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("\(value)", forKey: .value)
        try container.encode(from, forKey: .from)
        try container.encodeIfPresent(to, forKey: .to)
        try container.encode(source, forKey: .source)
    }

    public func holds(on date: CivilDate) -> Bool {
        from <= date && (to.map { date <= $0 } ?? true)
    }
}

/// Why a parameter could not be given.
public struct ParameterError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// A module's parameters, as read from its data file.
public struct ParameterTable: Codable, Sendable {
    public var module: String
    public var parameters: [Parameter]

    /// Reads `parameters.json` from a module's bundle.
    public static func load(from bundle: Bundle, module: String) throws -> ParameterTable {
        guard let url = bundle.url(forResource: "parameters", withExtension: "json") else {
            throw ParameterError(description: "the parameters of module \(module) are missing from the installation")
        }
        let data = try Data(contentsOf: url)
        do {
            return try JSONDecoder().decode(ParameterTable.self, from: data)
        } catch {
            throw ParameterError(description: "\(url.lastPathComponent) of module \(module): \(error)")
        }
    }

    /// The value of `id` in force on `date`, with its source.
    public func value(_ id: String, on date: CivilDate) throws -> (value: Decimal, unit: String, source: String) {
        guard let parameter = parameters.first(where: { $0.id == id }) else {
            throw ParameterError(description: "module \(module) has no parameter \(id)")
        }
        guard let dated = parameter.values.first(where: { $0.holds(on: date) }) else {
            let known = parameter.values.map { "from \($0.from)" }.joined(separator: ", ")
            throw ParameterError(description: "no value of \(module).\(id) is in force on \(date) (known: \(known.isEmpty ? "none" : known))\(parameter.note.map { "; \($0)" } ?? "")")
        }
        return (dated.value, parameter.unit, dated.source)
    }
}
