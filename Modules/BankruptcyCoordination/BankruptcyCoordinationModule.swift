import Foundation
import GazetteModel
import GazetteStore
import ModuleSpine

/// 企业破产处置协调联动机制: bankruptcy coordination (周政办字〔2020〕38号).
public enum BankruptcyCoordinationModule: PolicyModule {
    public static let id = "bankruptcy"
    public static let summary = "企业破产处置协调联动 bankruptcy coordination (周政办字〔2020〕38号)"
    public static var migrations: MigrationSet { BankruptcySchema.migrations }

    public static func parameters() throws -> ParameterTable {
        try ParameterTable.load(from: .module, module: id)
    }

    public static func recognises(_ document: OfficialDocument) -> Bool {
        document.title.contains("企业破产处置协调联动") && !document.onlyChangesBodies
    }
}
