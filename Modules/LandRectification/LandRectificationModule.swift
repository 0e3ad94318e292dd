import Foundation
import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine

/// 土地问题综合整治: the land rectification campaign (周政办字〔2020〕37号).
public enum LandRectificationModule: PolicyModule {
    public static let id = "land"
    public static let summary = "土地问题综合整治 land rectification (周政办字〔2020〕37号)"
    public static var migrations: MigrationSet { LandSchema.migrations }

    public static func parameters() throws -> ParameterTable {
        try ParameterTable.load(from: .module, module: id)
    }

    public static func recognises(_ document: OfficialDocument) -> Bool {
        (document.enclosureTitle ?? document.title).contains("土地问题综合整治") && !document.onlyChangesBodies
    }

    public static func extract(_ document: ImportedDocument, in db: Database) throws {
        try Phases.read(document, in: db)
    }

    /// The 约谈 clause of the imported campaign (三(三)), or its number when not imported.
    static func interviewCitation(in db: Database) throws -> String {
        try DocumentQueries.recognised(by: id, in: db).last.flatMap { $0.number.map { "\($0) 三(三)" } } ?? "周政办字〔2020〕37号 三(三)"
    }

    /// Each task category's responsible units, from the imported tasks.
    /// The rectification tasks of the documents in force (二): category, title and units.
    static func tasks(in db: Database) throws -> [LandTask] {
        try DocumentQueries.recognised(by: id, in: db).flatMap { document in
            try RosterQueries.assignments(kind: "task", documentId: document.id, in: db).compactMap { task in
                task.category.map { LandTask(category: $0, title: task.title, units: task.units) }
            }
        }
    }
}
