/// Writes indented XML text. Attribute order is kept as given, so output is stable.
struct XMLBuilder {
    private(set) var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var depth = 0

    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        output += indent + "<" + name + Self.attributes(attributes) + ">\n"
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        output += indent + "</" + name + ">\n"
    }

    mutating func empty(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        output += indent + "<" + name + Self.attributes(attributes) + "/>\n"
    }

    /// An element whose content is already-built inline markup (escaped by the caller).
    mutating func inline(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], markup: String) {
        output += indent + "<" + name + Self.attributes(attributes) + ">" + markup + "</" + name + ">\n"
    }

    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], text: String) {
        inline(name, attributes, markup: Self.escape(text))
    }

    private var indent: String { String(repeating: "  ", count: depth) }

    var currentDepth: Int { depth }

    mutating func appendRaw(_ text: String) { output += text }

    static func attributes(_ attributes: KeyValuePairs<String, String?>) -> String {
        attributes.compactMap { key, value in value.map { " \(key)=\"\(escape($0, quotes: true))\"" } }.joined()
    }

    /// Escaped scalar by scalar: `<` followed by a combining mark (or a ZWJ, a variation selector)
    /// is one `Character` but still a `<` to XML.
    static func escape(_ text: String, quotes: Bool = false) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result.append(contentsOf: "&amp;".unicodeScalars)
            case "<": result.append(contentsOf: "&lt;".unicodeScalars)
            case ">": result.append(contentsOf: "&gt;".unicodeScalars)
            case "\"" where quotes: result.append(contentsOf: "&quot;".unicodeScalars)
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// Inline markup: `<name attributes>escaped text</name>`.
    static func tag(_ name: String, _ attributes: KeyValuePairs<String, String?>, _ text: String) -> String {
        "<" + name + Self.attributes(attributes) + ">" + escape(text) + "</" + name + ">"
    }
}

/// Percent-encodes a path segment of an ontology or FRBR URI.
func uriSegment(_ text: String) -> String {
    var result = ""
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            result.append(Character(Unicode.Scalar(byte)))
        default:
            result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
        }
    }
    return result
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
