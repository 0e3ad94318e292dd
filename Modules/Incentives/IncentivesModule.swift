import Foundation
import GazetteModel
import GazetteStore
import ModuleSpine

/// “六个一”平台招引: investment incentives (周政发〔2020〕37号).
public enum IncentivesModule: PolicyModule {
    public static let id = "incentives"
    public static let summary = "“六个一”平台招引 investment incentives (周政发〔2020〕37号)"
    public static var migrations: MigrationSet { IncentivesSchema.migrations }

    public static func parameters() throws -> ParameterTable {
        try ParameterTable.load(from: .module, module: id)
    }

    public static func recognises(_ document: OfficialDocument) -> Bool {
        (document.enclosureTitle ?? document.title).contains("“六个一”平台招引") && !document.onlyChangesBodies
    }

    /// Reads a project file (JSON, keys as `ProjectFacts` names them, in English or Chinese); a
    /// bad or unknown field is reported with its name and what it takes.
    static func readProject(_ path: String) throws -> Project {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, line: 0, column: 0, message: "cannot read the file")
        }
        let object: [String: JSONScalar]
        do {
            object = try JSONDecoder().decode([String: JSONScalar].self, from: data)
        } catch {
            throw InputError(file: path, line: 0, column: 0, message: "not a JSON object of a project's facts ({\"industry\": \"smart-equipment\", …}), each a number, text, true or false")
        }
        let values = object.sorted { $0.key < $1.key }.map { key, value in (key, value.text, "\(path): field \(key)") }
        do {
            return try ProjectFacts.project(values)
        } catch let error as EntryError {
            throw InputError(file: path, line: 0, column: 0, message: error.description)
        }
    }
}
