/// An error that says itself what went wrong and where, for people: the command prints it as it
/// is (`zhoucun: error: …`) and exits non-zero.
public protocol ReportableError: Error, CustomStringConvertible {}

/// Why an input file was refused, and where: file, line, column, what.
public struct InputError: ReportableError, Sendable, Equatable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// UTF-8 checks shared by both doors.
public enum UTF8Check {
    /// The offset of the first byte that is not valid UTF-8, or nil.
    public static func firstInvalid(_ bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= bytes.endIndex else { return index }
            for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { return index }
            let second = length > 1 ? bytes[index + 1] : 0
            if (lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F)
                || (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F) {
                return index
            }
            index += length
        }
        return nil
    }

    /// Line and column (1-based, in characters) of a byte offset.
    public static func position(of offset: Int, in bytes: ArraySlice<UInt8>) -> (line: Int, column: Int) {
        let before = bytes[bytes.startIndex ..< offset]
        let line = before.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } + 1
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? bytes.startIndex
        let column = String(decoding: bytes[lineStart ..< offset], as: UTF8.self).count + 1
        return (line, column)
    }
}
