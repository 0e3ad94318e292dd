import Foundation
import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine

/// 反洗钱工作联席会议: the anti-money-laundering joint meeting (周政办字〔2020〕35号).
public enum AntiMoneyLaunderingModule: PolicyModule {
    public static let id = "aml"
    public static let summary = "反洗钱工作联席会议 anti-money-laundering joint meeting (周政办字〔2020〕35号)"
    public static var migrations: MigrationSet { AMLSchema.migrations }

    public static func parameters() throws -> ParameterTable {
        try ParameterTable.load(from: .module, module: id)
    }

    public static func recognises(_ document: OfficialDocument) -> Bool {
        (document.enclosureTitle ?? document.title).contains("反洗钱工作联席会议") && !document.onlyChangesBodies
    }

    public static func extract(_ document: ImportedDocument, in db: Database) throws {
        try JointMeeting.readTopics(document, in: db)
    }
}
