import Foundation

/// Tidies the noise that PDF extraction leaves in gazette text.
public enum Normalize {
    /// A person's name: every kind of space removed (`高 东`, `高　东` → `高东`).
    public static func personName(_ raw: String) -> String {
        nfc(String(String.UnicodeScalarView(raw.unicodeScalars.filter { !isWhitespace($0) && !isInvisible($0) })))
    }

    /// Zero-width characters and bidi controls: text copied from a web page carries them inside
    /// names and numbers (`赵\u{200B}学`), where they are no content.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF, 0x00AD: true
        default: false
        }
    }

    /// A label printed with letter spacing (`召 集 人`, `成 员`): spaces removed.
    public static func label(_ raw: String) -> String { personName(raw) }

    /// Running text: NFC; full-width letters and digits to ASCII; ASCII punctuation that sits
    /// against Chinese text to its full-width form; spaces between Chinese characters or digits
    /// removed, spaces around Latin words kept (`重点行业 and 重点时段`).
    public static func text(_ raw: String) -> String {
        let scalars = widened(Array(nfc(raw).unicodeScalars.lazy.filter { !isInvisible($0) }.map(foldWidth)))
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if isWhitespace(scalar) {
                var end = index
                while end < scalars.count, isWhitespace(scalars[end]) { end += 1 }
                let before = output.last
                let after = end < scalars.count ? scalars[end] : nil
                if let before, let after, !(isTight(before) && isTight(after)) {
                    output.append(" ")
                }
                index = end
                continue
            }
            output.append(scalar)
            index += 1
        }
        return String(output)
    }

    /// A key for comparing names and titles: `text` with every space removed.
    public static func key(_ raw: String) -> String {
        personName(text(raw))
    }

    /// NFC, skipped for text that NFC cannot change: ASCII, unified CJK ideographs, CJK and
    /// general punctuation and full-width forms (combining marks and CJK compatibility
    /// ideographs such as U+F900 are what it changes, and they send the text through).
    static func nfc(_ raw: String) -> String {
        let untouched = raw.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0..<0x300, 0x2000...0x206F, 0x2100...0x2125, 0x2460...0x24FF, 0x3000...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFFEF:
                true
            default:
                false
            }
        }
        return untouched ? raw : raw.precomposedStringWithCanonicalMapping
    }

    // MARK: - Character classes

    static let fullWidthPunctuation: [Unicode.Scalar: Unicode.Scalar] = [
        ",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！",
    ]

    /// Full-width ASCII variants (U+FF01…U+FF5E) become ASCII, except the punctuation that
    /// Chinese text keeps full-width; the ideographic space becomes a space.
    static func foldWidth(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        if value == 0x3000 { return " " }
        if (0xFF10...0xFF19).contains(value) || (0xFF21...0xFF3A).contains(value) || (0xFF41...0xFF5A).contains(value) {
            return Unicode.Scalar(value - 0xFEE0)!
        }
        return scalar
    }

    /// Unicode's White_Space property (PropList.txt: 25 code points), without the general
    /// property lookup that `properties.isWhitespace` makes for every character of every text.
    public static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    public static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: return true
        default: return false
        }
    }

    /// Han characters and the CJK / full-width punctuation that goes with them.
    static func isChinese(_ scalar: Unicode.Scalar) -> Bool {
        isHan(scalar) || (0x3000...0x303F).contains(scalar.value) || (0xFF00...0xFF0F).contains(scalar.value)
            || (0xFF1A...0xFF20).contains(scalar.value) || (0x2018...0x201F).contains(scalar.value)
            || scalar == "…" || scalar == "—"
    }

    /// Characters between which a space is PDF noise rather than a word break.
    static func isTight(_ scalar: Unicode.Scalar) -> Bool {
        isChinese(scalar) || ("0"..."9").contains(scalar) || scalar == "%" || scalar == "." || scalar == "-"
            || (0x2460...0x2473).contains(scalar.value) || (0x2080...0x2089).contains(scalar.value)
    }

    /// ASCII punctuation against Chinese text in its full-width form, decided for a whole run of
    /// it at once (`;;；` would otherwise widen one more at each pass, and text read twice would
    /// differ): a run, spaces within it included, is widened when the first other character on
    /// either side is Chinese.
    static func widened(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var result = scalars
        var index = 0
        while index < scalars.count {
            guard fullWidthPunctuation[scalars[index]] != nil else { index += 1; continue }
            var end = index
            var last = index
            while end < scalars.count, fullWidthPunctuation[scalars[end]] != nil || isWhitespace(scalars[end]) {
                if !isWhitespace(scalars[end]) { last = end }
                end += 1
            }
            var before = index - 1
            while before >= 0, isWhitespace(scalars[before]) { before -= 1 }
            let chinese = (before >= 0 && isChinese(scalars[before])) || (nextNonSpace(scalars, from: last + 1).map(isChinese) ?? false)
            if chinese {
                for position in index...last { if let wide = fullWidthPunctuation[scalars[position]] { result[position] = wide } }
            }
            index = last + 1
        }
        return result
    }

    static func nextNonSpace(_ scalars: [Unicode.Scalar], from start: Int) -> Unicode.Scalar? {
        var index = start
        while index < scalars.count {
            if !isWhitespace(scalars[index]) { return scalars[index] }
            index += 1
        }
        return nil
    }
}
