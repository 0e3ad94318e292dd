import Foundation
import GazetteModel
import XMLCore

/// The strict OASIS Akoma Ntoso 3.0 schema, shipped with the package (CC-BY 4.0, OASIS; see
/// `Schema/README.txt`), compiled once.
public enum AkomaNtosoSchema {
    public static var schemaPath: String? {
        Bundle.module.url(forResource: "Schema", withExtension: nil)?.appendingPathComponent("akomantoso30.xsd").path
    }

    nonisolated(unsafe) private static var compiled: SchemaValidator?
    private static let lock = NSLock()

    /// Every schema error in the document, each with file, line and column. Empty when valid.
    public static func validate(bytes: [UInt8], file: String) throws -> [InputError] {
        let validator = try lock.withLock { () throws -> SchemaValidator in
            if let compiled { return compiled }
            guard let path = schemaPath else {
                throw InputError(file: file, line: 0, column: 0, message: "the Akoma Ntoso schema is missing from the installation")
            }
            let validator = try SchemaValidator(schemaPath: path)
            compiled = validator
            return validator
        }
        try AkomaNtosoReader.checkProlog(bytes, file: file)
        return validator.validate(bytes: AkomaNtosoReader.relabelChineseEncodings(bytes), documentName: file)
            .map { InputError(file: file, line: $0.line, column: $0.column, message: $0.message) }
    }
}
