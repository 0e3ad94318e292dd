import GRDB
import GazetteModel
import GazetteStore

/// A policy module: one document's rules and ledgers, plugged into the shared system. Its command
/// group (`CommandLineModule`) lives in its `CLI/` folder, at the edge.
///
/// Modules never import each other. They meet in the shared model (documents, bodies, people,
/// units, duties, assignments) and reach the store through `GazetteDatabase`.
public protocol PolicyModule: Sendable {
    /// Short identifier, used as the command group name and the migration prefix (`pollution`).
    static var id: String { get }
    /// What the module is for, with the gazette's own term (`重污染天气应急 heavy-pollution response`).
    static var summary: String { get }
    /// The module's own tables. Identifiers must start with `<id>.`.
    static var migrations: MigrationSet { get }
    /// The module's dated parameters, from its bundled data file.
    static func parameters() throws -> ParameterTable
    /// Whether an imported document is one this module reads.
    static func recognises(_ document: OfficialDocument) -> Bool
    /// Reads what the module needs from a recognised document, after the shared extraction has
    /// stored its bodies, people, duties and assignments. Runs inside the import's transaction.
    static func extract(_ document: ImportedDocument, in db: Database) throws
}

extension PolicyModule {
    public static func extract(_ document: ImportedDocument, in db: Database) throws {}
}

/// A document just stored by the import, as modules see it.
public struct ImportedDocument: Sendable {
    public var id: Int64
    public var document: OfficialDocument

    public init(id: Int64, document: OfficialDocument) {
        self.id = id
        self.document = document
    }
}
