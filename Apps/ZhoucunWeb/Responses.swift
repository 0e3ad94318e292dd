import Foundation
import GRDB
import GazetteModel
import GazetteStore
import Hummingbird
import HTTPTypes
import ModuleSpine

/// A request the site cannot answer, said as a page: what was asked and why.
enum WebError: Error {
    /// Nothing has that number, name or id; `search` is offered.
    case notFound(String, search: String?)
    /// A malformed value in the query (a date that is no date), with the reason.
    case badRequest(String)
}

enum Web {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func wantsJSON(_ request: Request) -> Bool {
        guard let accept = request.headers[.accept]?.lowercased() else { return false }
        return accept.contains("application/json") && !accept.contains("text/html")
    }

    /// A whole answer: its status, headers and bytes (so that a page can be kept as it was sent).
    struct Answer {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: ByteBuffer
        var response: Response { Response(status: status, headers: headers, body: .init(byteBuffer: body)) }
    }

    static func json(_ value: any Encodable, status: HTTPResponse.Status) -> Response {
        jsonAnswer(value, status: status).response
    }

    static func jsonAnswer(_ value: any Encodable, status: HTTPResponse.Status) -> Answer {
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Answer(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: ByteBuffer(data: data))
    }

    static func htmlAnswer(_ text: String, status: HTTPResponse.Status) -> Answer {
        Answer(status: status, headers: [
            .contentType: "text/html; charset=utf-8",
            // No script but our own, no frame elsewhere: what a visitor typed never runs.
            .contentSecurityPolicy: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
            .xContentTypeOptions: "nosniff",
        ], body: ByteBuffer(string: text))
    }

    /// Says whether a page came from the cache (`hit`) or was rendered for this request (`miss`).
    static let cacheHeader = HTTPField.Name("X-Zhoucun-Cache")!

    /// A query value, trimmed; blank as absent.
    static func query(_ name: String, _ request: Request) -> String? {
        guard let value = request.uri.queryParameters.get(name)?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// A path parameter as typed: percent-decoded, NFC.
    static func parameter(_ name: String, _ context: OfficeRequestContext) throws -> String {
        guard let raw = context.parameters.get(name) else { throw WebError.badRequest("缺少 \(name)") }
        return (raw.removingPercentEncoding ?? raw).precomposedStringWithCanonicalMapping
    }

    static func cookie(_ name: String, in request: Request) -> String? {
        guard let header = request.headers[.cookie] else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == name { return parts[1] }
        }
        return nil
    }

    /// A path segment for a link: everything but unreserved characters percent-encoded.
    static func pathComponent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? text
    }

    /// A query value for a link.
    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+#"))) ?? text
    }
}

/// Every error a route throws becomes a page: an unknown record a 404 that offers the search, a
/// malformed value a 400 with its reason, and nothing a visitor sends a 500.
struct ErrorPages: RouterMiddleware {
    typealias Context = OfficeRequestContext
    let site: OfficeSite

    struct View {
        var message: String
        var offerSearch: Bool
        var search: String
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as WebError {
            switch error {
            case .notFound(let message, let search): return page(request, context, .notFound, "未找到", message, search: search)
            case .badRequest(let message): return page(request, context, .badRequest, "请求有误", message)
            }
        } catch let error as HTTPError where error.status == .notFound {
            return page(request, context, .notFound, "未找到", "本站没有 \(request.uri.path) 这一页。", search: "")
        } catch let error as HTTPError {
            let title = error.status == .unauthorized ? "请先登录" : error.status == .forbidden ? "拒绝访问" : "请求有误"
            return page(request, context, error.status, title, error.body ?? error.status.reasonPhrase)
        } catch let error as QueryError {
            // A record that is not in the store: said with the store's own words.
            return page(request, context, .notFound, "未找到", error.description, search: "")
        } catch let error as any ReportableError {
            // A value the operation refused (an ambiguous title, a malformed forecast).
            return page(request, context, .badRequest, "请求有误", error.description)
        } catch {
            context.logger.error("\(request.uri.path): \(error)")
            return page(request, context, .internalServerError, "内部错误", "这一页暂时无法显示，已记录在服务日志中。")
        }
    }

    func page(_ request: Request, _ context: Context, _ status: HTTPResponse.Status, _ title: String, _ message: String, search: String? = nil) -> Response {
        let view = View(message: message, offerSearch: search != nil, search: search ?? "")
        return site.answer(request, context, Page(title: title, template: "error", view: view, json: ["error": message], status: status)).response
    }
}
