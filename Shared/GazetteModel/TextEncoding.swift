import Foundation

/// The encodings text files come in: UTF-8 (with or without a byte order mark), and GB18030, which
/// covers GBK and GB2312 (what Notepad and Excel save on a Chinese Windows).
public enum TextEncoding {
    /// UTF-8 where the bytes are UTF-8; else GB18030 where they decode as it. A UTF-8 text damaged
    /// in a few places (it already holds Chinese in UTF-8 before its first bad byte) is reported at
    /// that byte, not guessed to be another encoding.
    public static func decode(_ bytes: ArraySlice<UInt8>, file: String, advice: String) throws -> String {
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let bad = UTF8Check.firstInvalid(body) else { return String(decoding: body, as: UTF8.self) }
        let utf8 = isUTF8Chinese(body[body.startIndex ..< bad])
        if !utf8, let text = gb18030(body) { return text }
        let (line, column) = UTF8Check.position(of: bad, in: body)
        let what = utf8 ? "is not valid UTF-8" : "is neither UTF-8 nor GB18030 text"
        throw InputError(file: file, line: line, column: column, message: String(format: "byte 0x%02X \(what); \(advice)", body[bad]))
    }

    /// Two Chinese characters or more in UTF-8's three-byte form: the text is UTF-8.
    static func isUTF8Chinese(_ bytes: ArraySlice<UInt8>) -> Bool {
        var count = 0
        var index = bytes.startIndex
        while index + 2 < bytes.endIndex, count < 2 {
            if (0xE3...0xE9).contains(bytes[index]), bytes[index + 1] & 0xC0 == 0x80, bytes[index + 2] & 0xC0 == 0x80 {
                count += 1
                index += 3
            } else {
                index += 1
            }
        }
        return count >= 2
    }

    /// Whether the bytes decode as GB18030.
    public static func isGB18030(_ bytes: [UInt8]) -> Bool { gb18030(bytes[...]) != nil }

    /// GB18030 through the C library's iconv; nil when the bytes are not GB18030. Every byte is
    /// kept: a NUL in the text is text the caller judges, not the end of it; only a character
    /// cut short at the end is dropped.
    static func gb18030(_ bytes: ArraySlice<UInt8>) -> String? { convert(bytes, from: "GB18030") }

    /// Bytes of a GB label that are Big5 in truth (a page from Taiwan or Hong Kong labelled
    /// gb2312): both decodings are valid, but only one reads as Chinese. The evidence is how many
    /// of the Han characters each gives are among the commonest of written Chinese.
    public static func readsAsBig5(_ bytes: [UInt8]) -> Bool {
        guard let gb = gb18030(bytes[...]), let big5 = convert(bytes[...], from: "BIG5") else { return false }
        func share(_ text: String) -> (common: Int, han: Int) {
            var common = 0, han = 0
            for scalar in text.unicodeScalars where Normalize.isHan(scalar) {
                han += 1
                if commonest.contains(scalar) { common += 1 }
            }
            return (common, han)
        }
        let (gbCommon, gbHan) = share(gb), (big5Common, big5Han) = share(big5)
        guard big5Han >= 20, gbHan > 0 else { return false }
        return Double(big5Common) / Double(big5Han) > 0.1 && big5Common > 4 * max(gbCommon, 1)
    }

    /// Characters among the commonest of Chinese texts, in simplified and traditional forms.
    static let commonest = Set("的一是在不了有和人这這中大为為上个個国國我以要他时時来來用们們生到作地于於出就分对對成会會可主发發年动動同工也能下过過子说說产產种種面而方后後多定行学學法所民得经經之进進等部度家力如自理起小现現实實加都两兩体體制机機当當使从從业業本应應开開合还還因由其些然前外天政日社事平全相表间間与與关關各重新内內数數正心明看原又利比或第道此变變条條只没沒结結解问問意建月公无無系".unicodeScalars)

    /// Bytes converted to UTF-8 through the C library's iconv; nil when they are not text of the encoding.
    static func convert(_ bytes: ArraySlice<UInt8>, from encoding: String) -> String? {
        let converter = iconv_open("UTF-8", encoding)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 4)
        let written = input.withUnsafeMutableBufferPointer { inBuffer -> Int? in
            output.withUnsafeMutableBufferPointer { outBuffer -> Int? in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var inLeft = inBuffer.count
                let start = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = start
                var outLeft = outBuffer.count
                let status = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                // A character cut short at the very end (a file cut mid-character) is dropped.
                guard status != -1 || (errno == EINVAL && inLeft < 4), inLeft < 4 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let written else { return nil }
        return String(decoding: output[..<written], as: UTF8.self)
    }
}
