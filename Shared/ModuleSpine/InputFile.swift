import Foundation
import GazetteModel

/// Reads the files commands are given (CSV ledgers, forecasts): UTF-8 text, or a refusal that
/// says which file and where the first bad byte is.
public enum InputFile {
    public static func text(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, line: 0, column: 0, message: "cannot read the file")
        }
        var bytes = [UInt8](data)[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let bad = UTF8Check.firstInvalid(bytes) {
            let (line, column) = UTF8Check.position(of: bad, in: bytes)
            throw InputError(file: path, line: line, column: column, message: "not UTF-8 text; convert the file to UTF-8 first")
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
