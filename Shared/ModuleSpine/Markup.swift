/// Text for XML, HTML or SVG, in content or in a quoted attribute: escaped scalar by scalar (a
/// quote followed by a combining mark is one Character, and an escape that goes by Character lets
/// it through unescaped); what XML 1.0 cannot carry (controls other than tab and line breaks,
/// U+FFFE, U+FFFF) is dropped.
public enum Markup {
    public static func escape(_ text: String) -> String {
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped.append(contentsOf: "&amp;".unicodeScalars)
            case "<": escaped.append(contentsOf: "&lt;".unicodeScalars)
            case ">": escaped.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": escaped.append(contentsOf: "&quot;".unicodeScalars)
            case "'": escaped.append(contentsOf: "&#39;".unicodeScalars)
            case "\t", "\n", "\r": escaped.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }
}
