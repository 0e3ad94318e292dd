import GazetteModel
import GazetteStore

/// What the store holds: documents, bodies and the people on more than one body (the overview,
/// the demo, and the figures of the web page's home).
public struct Overview: Encodable, Sendable {
    public var documents: [DocumentSummary]
    public var bodies: [BodySummary]
    public var sharedPeople: [SharedPerson]

    public init(documents: [DocumentSummary], bodies: [BodySummary], sharedPeople: [SharedPerson]) {
        self.documents = documents
        self.bodies = bodies
        self.sharedPeople = sharedPeople
    }

    public static func read(from database: GazetteDatabase) throws -> Overview {
        try database.writer.read { db in
            Overview(documents: try DocumentQueries.list(in: db), bodies: try RosterQueries.bodies(in: db),
                     sharedPeople: try RosterQueries.shared(minimum: 2, in: db))
        }
    }

    public func render(_ format: ReportFormat) throws -> String {
        if format == .json { return try Output.json(self) + "\n" }
        return "Documents (\(documents.count))\n" + (try Output.render(documents, as: .table))
            + "\nBodies (\(bodies.count))\n" + (try Output.render(bodies, as: .table))
            + "\nPeople on more than one body (\(sharedPeople.count))\n" + (try Output.render(sharedPeople, as: .table))
    }
}

/// One dated value of a policy number, as `params list` and the 参数 page list them.
public struct ParameterRow: Tabular, Sendable {
    public var module: String
    public var id: String
    public var label: String
    public var value: String?
    public var unit: String
    public var from: String?
    public var to: String?
    public var source: String?
    public var note: String?

    public static let columns: [OutputColumn<ParameterRow>] = [
        OutputColumn("module") { $0.module }, OutputColumn("id") { $0.id }, OutputColumn("value") { $0.value ?? "(none in force)" },
        OutputColumn("unit") { $0.unit }, OutputColumn("from") { $0.from ?? "" }, OutputColumn("to") { $0.to ?? "" },
        OutputColumn("source") { $0.source ?? "" }, OutputColumn("label") { $0.label },
    ]

    /// Every value of every parameter of `modules`; with `on`, only those in force that day (and
    /// a row without a value for a parameter that has none then).
    public static func listing(_ modules: [any PolicyModule.Type], on date: CivilDate?) throws -> [ParameterRow] {
        var rows: [ParameterRow] = []
        for module in modules {
            for parameter in try module.parameters().parameters {
                let values = parameter.values.filter { date == nil || $0.holds(on: date!) }
                if values.isEmpty && date != nil {
                    rows.append(ParameterRow(module: module.id, id: parameter.id, label: parameter.label, unit: parameter.unit, note: parameter.note))
                }
                for value in values {
                    rows.append(ParameterRow(module: module.id, id: parameter.id, label: parameter.label, value: value.value, unit: parameter.unit,
                                             from: value.from.description, to: value.to?.description, source: value.source, note: parameter.note))
                }
            }
        }
        return rows
    }
}
