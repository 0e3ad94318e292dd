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
    /// As written in the data file: an exact decimal, or a date (YYYY-MM-DD) when the unit is `date`.
    public var value: String
    public var from: CivilDate
    /// Last day in force; nil while still in force.
    public var to: CivilDate?
    /// `周政办字〔2020〕39号 四(一)1`.
    public var source: String

    /// The value as an exact decimal (nil for dates and anything else that is not wholly a
    /// number: `Decimal(string:)` alone would read `2021-06-30` as 2021). Strings keep binary
    /// rounding out.
    public var decimal: Decimal? {
        guard value.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?/) != nil else { return nil }
        return Decimal(string: value, locale: Locale(identifier: "en_US_POSIX"))
    }
    public var date: CivilDate? { CivilDate(value) }

    public func holds(on date: CivilDate) -> Bool {
        from <= date && (to.map { date <= $0 } ?? true)
    }
}

/// Why a parameter could not be given.
public struct ParameterError: ReportableError, Sendable {
    public var description: String
    public init(description: String) { self.description = description }
}

/// A module's parameters, as read from its data file.
public struct ParameterTable: Codable, Sendable {
    public var module: String
    public var parameters: [Parameter]

    /// Reads `parameters.json` from a module's bundle, and checks every value against its unit.
    public static func load(from bundle: Bundle, module: String) throws -> ParameterTable {
        guard let url = bundle.url(forResource: "parameters", withExtension: "json") else {
            throw ParameterError(description: "the parameters of module \(module) are missing from the installation")
        }
        let table: ParameterTable
        do {
            table = try JSONDecoder().decode(ParameterTable.self, from: Data(contentsOf: url))
        } catch {
            throw ParameterError(description: "parameters.json of module \(module): \(error)")
        }
        for parameter in table.parameters {
            for dated in parameter.values where (parameter.unit == "date" ? dated.date == nil : dated.decimal == nil) {
                throw ParameterError(description: "parameters.json of module \(module), parameter \(parameter.id), field value: \(dated.value) is not a \(parameter.unit == "date" ? "date (YYYY-MM-DD)" : "decimal number")")
            }
        }
        return table
    }

    /// The value of `id` in force on `date`, with its unit and source.
    public func value(_ id: String, on date: CivilDate) throws -> (value: DatedValue, unit: String) {
        guard let parameter = parameters.first(where: { $0.id == id }) else {
            throw ParameterError(description: "module \(module) has no parameter \(id)")
        }
        guard let dated = parameter.values.first(where: { $0.holds(on: date) }) else {
            let known = parameter.values.map { "from \($0.from)" }.joined(separator: ", ")
            throw ParameterError(description: "no value of \(module).\(id) is in force on \(date) (known: \(known.isEmpty ? "none" : known))\(parameter.note.map { "; \($0)" } ?? "")")
        }
        return (dated, parameter.unit)
    }

    /// A number in force on a date, with the clause it comes from.
    public func decimal(_ id: String, on date: CivilDate) throws -> (value: Decimal, source: String) {
        let (dated, unit) = try value(id, on: date)
        guard let number = dated.decimal else {
            throw ParameterError(description: "\(module).\(id) is a \(unit), not a number")
        }
        return (number, dated.source)
    }
}
