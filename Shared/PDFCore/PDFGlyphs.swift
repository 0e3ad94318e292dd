import CPopplerLoader

/// One character as poppler places it: its box in points from the page's top-left corner, the
/// size of its font and its colour.
public struct PDFGlyph: Sendable, Equatable {
    public var character: Character
    public var x0: Double
    public var y0: Double
    public var x1: Double
    public var y1: Double
    public var fontSize: Double
    /// 0–255 each.
    public var red: Int
    public var green: Int
    public var blue: Int
}

public struct PDFPage: Sendable {
    /// 1-based, in the file's order.
    public var number: Int
    public var width: Double
    public var height: Double
    public var glyphs: [PDFGlyph]
}

/// What the PDF says of itself (the Info dictionary).
public struct PDFInfo: Sendable {
    public var title: String?
    public var author: String?
    public var subject: String?
}

public struct PDFReadError: Error, Sendable, CustomStringConvertible {
    public var page: Int?
    public var message: String
    public var description: String { page.map { "page \($0): \(message)" } ?? message }
}

/// Reads the glyphs of a PDF through poppler's GLib interface, loaded at the first PDF. Nothing
/// is laid out here: lines, columns and running headers are the reader's business, from the boxes.
public enum PDFGlyphReader {
    public static func read(_ bytes: [UInt8]) throws -> (info: PDFInfo, pages: [PDFPage]) {
        var pdf: OpaquePointer?
        var message = [CChar](repeating: 0, count: 512)
        let status = bytes.withUnsafeBytes { zc_pdf_open($0.baseAddress, $0.count, &pdf, &message, message.count) }
        guard status == Int32(ZC_OK), let pdf else {
            let reason = String(cString: message)
            switch status {
            case Int32(ZC_ENCRYPTED): throw PDFReadError(page: nil, message: "the PDF is encrypted (\(reason)); give an unprotected copy")
            case Int32(ZC_NO_LIBRARY): throw PDFReadError(page: nil, message: reason)
            default: throw PDFReadError(page: nil, message: "not a readable PDF: \(reason)")
            }
        }
        defer { zc_pdf_close(pdf) }
        let info = PDFInfo(title: take(zc_pdf_info(pdf, 0)), author: take(zc_pdf_info(pdf, 1)), subject: take(zc_pdf_info(pdf, 2)))
        var pages: [PDFPage] = []
        for index in 0 ..< zc_pdf_page_count(pdf) {
            var width = 0.0, height = 0.0
            var text: UnsafeMutablePointer<CChar>?
            var glyphs: UnsafeMutablePointer<zc_glyph>?
            var count: UInt32 = 0
            guard zc_pdf_page(pdf, index, &width, &height, &text, &glyphs, &count) != 0 else {
                // The page tree declares more pages than the file holds: cut short, or damaged.
                throw PDFReadError(page: Int(index) + 1, message: """
                    the PDF declares \(zc_pdf_page_count(pdf)) pages, but page \(index + 1) is not in it                     (the file is cut short or damaged); nothing of it was imported
                    """)
            }
            defer { zc_free(glyphs) }
            pages.append(PDFPage(number: Int(index) + 1, width: width, height: height,
                                 glyphs: self.glyphs(take(text) ?? "", glyphs.map { UnsafeBufferPointer(start: $0, count: Int(count)) } ?? .init(start: nil, count: 0))))
        }
        return (info, pages)
    }

    /// One box per character of the text, line breaks included (and left out here).
    static func glyphs(_ text: String, _ boxes: UnsafeBufferPointer<zc_glyph>) -> [PDFGlyph] {
        var glyphs: [PDFGlyph] = []
        glyphs.reserveCapacity(boxes.count)
        for (index, scalar) in text.unicodeScalars.enumerated() where index < boxes.count {
            if scalar == "\n" || scalar == "\r" { continue }
            let box = boxes[index]
            glyphs.append(PDFGlyph(character: Character(scalar), x0: box.x0, y0: box.y0, x1: box.x1, y1: box.y1,
                                   fontSize: box.font_size, red: Int(box.red), green: Int(box.green), blue: Int(box.blue)))
        }
        return glyphs
    }

    /// A C string made Swift, and freed.
    static func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        defer { zc_free(pointer) }
        let value = String(cString: pointer)
        return value.isEmpty ? nil : value
    }
}
