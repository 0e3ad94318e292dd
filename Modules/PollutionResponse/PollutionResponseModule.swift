import Foundation
import GazetteModel
import GazetteStore
import ModuleSpine

/// 重污染天气应急: the heavy-pollution weather response plan (周政办字〔2020〕39号).
public enum PollutionResponseModule: PolicyModule {
    public static let id = "pollution"
    public static let summary = "重污染天气应急 heavy-pollution weather response (周政办字〔2020〕39号)"
    public static var migrations: MigrationSet { PollutionSchema.migrations }

    public static func parameters() throws -> ParameterTable {
        try ParameterTable.load(from: .module, module: id)
    }

    public static func recognises(_ document: OfficialDocument) -> Bool {
        (document.enclosureTitle ?? document.title).contains("重污染天气应急") && !document.onlyChangesBodies
    }
}
