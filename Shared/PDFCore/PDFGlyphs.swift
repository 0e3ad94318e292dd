import CPoppler

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

/// Reads the glyphs of a PDF through poppler's GLib interface. Nothing is laid out here: lines,
/// columns and running headers are the reader's business, from the boxes.
public enum PDFGlyphReader {
    public static func read(_ bytes: [UInt8]) throws -> (info: PDFInfo, pages: [PDFPage]) {
        var error: UnsafeMutablePointer<GError>?
        let data = bytes.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
        defer { g_bytes_unref(data) }
        guard let document = poppler_document_new_from_bytes(data, nil, &error) else {
            defer { if error != nil { g_error_free(error) } }
            let code = error?.pointee.code ?? -1
            let message = error?.pointee.message.map { String(cString: $0) } ?? "poppler could not open it"
            if code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) {
                throw PDFReadError(page: nil, message: "the PDF is encrypted (\(message)); give an unprotected copy")
            }
            throw PDFReadError(page: nil, message: "not a readable PDF: \(message)")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(document)) }
        let info = PDFInfo(title: take(poppler_document_get_title(document)),
                           author: take(poppler_document_get_author(document)),
                           subject: take(poppler_document_get_subject(document)))
        var pages: [PDFPage] = []
        let count = poppler_document_get_n_pages(document)
        for index in 0 ..< count {
            guard let page = poppler_document_get_page(document, index) else {
                throw PDFReadError(page: Int(index) + 1, message: "poppler could not open the page")
            }
            defer { g_object_unref(UnsafeMutableRawPointer(page)) }
            pages.append(read(page, number: Int(index) + 1))
        }
        return (info, pages)
    }

    static func read(_ page: OpaquePointer, number: Int) -> PDFPage {
        var width = 0.0, height = 0.0
        poppler_page_get_size(page, &width, &height)
        guard let text = take(poppler_page_get_text(page)) else {
            return PDFPage(number: number, width: width, height: height, glyphs: [])
        }
        var rectangles: UnsafeMutablePointer<PopplerRectangle>?
        var rectangleCount: guint = 0
        guard poppler_page_get_text_layout(page, &rectangles, &rectangleCount) != 0, let rectangles else {
            return PDFPage(number: number, width: width, height: height, glyphs: [])
        }
        defer { g_free(rectangles) }
        let attributes = textAttributes(page)
        var glyphs: [PDFGlyph] = []
        glyphs.reserveCapacity(Int(rectangleCount))
        // One rectangle per character of the text, line breaks included; attributes by the same index.
        var attribute = 0
        for (index, scalar) in text.unicodeScalars.enumerated() where index < Int(rectangleCount) {
            if scalar == "\n" || scalar == "\r" { continue }
            while attribute + 1 < attributes.count && attributes[attribute].end < index { attribute += 1 }
            let style = attributes.isEmpty ? (start: 0, end: 0, size: 0.0, red: 0, green: 0, blue: 0) : attributes[attribute]
            let box = rectangles[index]
            glyphs.append(PDFGlyph(character: Character(scalar), x0: box.x1, y0: box.y1, x1: box.x2, y1: box.y2,
                                   fontSize: style.size, red: style.red, green: style.green, blue: style.blue))
        }
        return PDFPage(number: number, width: width, height: height, glyphs: glyphs)
    }

    static func textAttributes(_ page: OpaquePointer) -> [(start: Int, end: Int, size: Double, red: Int, green: Int, blue: Int)] {
        guard let list = poppler_page_get_text_attributes(page) else { return [] }
        defer { poppler_page_free_text_attributes(list) }
        var result: [(start: Int, end: Int, size: Double, red: Int, green: Int, blue: Int)] = []
        var node: UnsafeMutablePointer<GList>? = list
        while let current = node {
            if let raw = current.pointee.data {
                let attributes = raw.assumingMemoryBound(to: PopplerTextAttributes.self).pointee
                result.append((Int(attributes.start_index), Int(attributes.end_index), attributes.font_size,
                               Int(attributes.color.red) >> 8, Int(attributes.color.green) >> 8, Int(attributes.color.blue) >> 8))
            }
            node = current.pointee.next
        }
        return result
    }

    /// A GLib string made Swift, and freed.
    static func take(_ pointer: UnsafeMutablePointer<gchar>?) -> String? {
        guard let pointer else { return nil }
        defer { g_free(pointer) }
        let value = String(cString: pointer)
        return value.isEmpty ? nil : value
    }
}
