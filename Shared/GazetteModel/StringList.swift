/// Lists of strings kept in one column as a JSON array (`["区委常委","副区长"]`): read without a
/// JSON decoder, which costs more than the query for a person with hundreds of posts.
public enum StringList {
    /// The strings of a JSON array of strings; an empty list for anything else.
    public static func decode(_ text: String?) -> [String] {
        guard let text else { return [] }
        var result: [String] = []
        var iterator = text.unicodeScalars.makeIterator()
        guard skipSpaces(&iterator) == "[" else { return [] }
        var next = skipSpaces(&iterator)
        if next == "]" { return [] }
        while next == "\"" {
            var value = String.UnicodeScalarView()
            while let scalar = iterator.next(), scalar != "\"" {
                guard scalar == "\\" else { value.append(scalar); continue }
                switch iterator.next() {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "r": value.append("\r")
                case "b": value.append("\u{8}")
                case "f": value.append("\u{C}")
                case "u":
                    var hex = ""
                    for _ in 0..<4 { if let digit = iterator.next() { hex.unicodeScalars.append(digit) } }
                    guard let code = UInt32(hex, radix: 16) else { return [] }
                    if (0xD800...0xDBFF).contains(code), iterator.next() == "\\", iterator.next() == "u" {
                        var low = ""
                        for _ in 0..<4 { if let digit = iterator.next() { low.unicodeScalars.append(digit) } }
                        guard let lowCode = UInt32(low, radix: 16), (0xDC00...0xDFFF).contains(lowCode),
                              let scalar = Unicode.Scalar(0x10000 + ((code - 0xD800) << 10) + (lowCode - 0xDC00)) else { return [] }
                        value.append(scalar)
                    } else if let scalar = Unicode.Scalar(code) {
                        value.append(scalar)
                    }
                case let escaped?: value.append(escaped)
                case nil: return []
                }
            }
            result.append(String(value))
            next = skipSpaces(&iterator)
            if next == "," { next = skipSpaces(&iterator) } else { break }
        }
        return next == "]" ? result : []
    }

    private static func skipSpaces(_ iterator: inout String.UnicodeScalarView.Iterator) -> Unicode.Scalar? {
        while let scalar = iterator.next() {
            if !(scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r") { return scalar }
        }
        return nil
    }
}
