import Foundation

/// The routes and their JSON as an OpenAPI 3.1 document, served at `/api/openapi.json`: every
/// page answers JSON at its own path when asked with `Accept: application/json`.
enum OpenAPI {
    struct Document: Encodable {
        var openapi = "3.1.0"
        var info = ["title": "周村区人民政府公报 办公系统", "version": "0.1.0",
                    "description": "每个页面在同一路径以 Accept: application/json 返回与命令行相同的数据行。"]
        var paths: [String: [String: Operation]]
    }

    struct Operation: Encodable {
        var summary: String
        var parameters: [Parameter]
        var responses: [String: Response]
    }

    struct Parameter: Encodable {
        var name: String
        var `in`: String
        var required: Bool
        var description: String
        var schema = ["type": "string"]
    }

    struct Response: Encodable {
        var description: String
        var content: [String: [String: [String: String]]]? = ["application/json": ["schema": ["type": "object"]]]
    }

    static func query(_ name: String, _ description: String) -> Parameter {
        Parameter(name: name, in: "query", required: false, description: description)
    }

    static func path(_ name: String, _ description: String) -> Parameter {
        Parameter(name: name, in: "path", required: true, description: description)
    }

    static func document(modules: [(id: String, pages: [String], ledgers: [String], actions: [(path: String, title: String, fields: [String])])],
                         shared: [(base: String, actions: [(path: String, title: String, fields: [String])])]) -> Document {
        func get(_ summary: String, _ parameters: [Parameter] = [], notFound: Bool = false) -> [String: Operation] {
            var responses = ["200": Response(description: "页面或其 JSON"), "400": Response(description: "查询参数有误（原因见 error）"),
                             "401": Response(description: "尚未登录（网页则转到 /login）")]
            if notFound { responses["404"] = Response(description: "没有所请求的记录") }
            return ["get": Operation(summary: summary, parameters: parameters, responses: responses)]
        }
        let on = query("on", "日期 YYYY-MM-DD，默认今天")
        let writeResponses = ["303": Response(description: "已写入，转到文件页（?logged=日志编号）", content: nil), "401": Response(description: "尚未登录"),
                              "403": Response(description: "校验码或来源不符，或账户没有所需角色"),
                              "422": Response(description: "缺少理由或确认，或文件不能如此操作（原因在表单旁，所填内容保留）"),
                              "503": Response(description: "存储正忙或磁盘已满，表单保留")]
        var paths: [String: [String: Operation]] = [
            "/": get("首页：今日待办、最新文件、数据概况"),
            "/documents": get("文件列表与全文检索", [query("q", "检索词"), query("year", "年份"), query("issuer", "发文机关"),
                                                  query("status", "in force / reference / withdrawn / superseded")]),
            "/documents/{reference}": get("一份文件：文头、条款、附件、机构变化、版本", [path("reference", "文号或编号"), query("version", "版本")], notFound: true),
            "/documents/{reference}/source": ["get": Operation(summary: "文件所依据的原始文件（导入时的字节），下载", parameters: [path("reference", "编号或文号")],
                                                           responses: ["200": Response(description: "原始文件", content: nil), "404": Response(description: "未保存原始文件")])],
            "/bodies": get("某日现行的机构", [on]),
            "/bodies/{reference}": get("机构名单、沿革与对比", [path("reference", "编号或名称"), on, query("from", "对比起始日期"), query("to", "对比终止日期")], notFound: true),
            "/people/{name}": get("人员任职", [path("name", "姓名或编号"), on], notFound: true),
            "/units/{name}": get("单位的席位、职责与任务", [path("name", "单位名称"), on], notFound: true),
            "/shared": get("跨机构任职人员", [on]),
            "/shared/graph.svg": ["get": Operation(summary: "跨机构任职关系图（SVG）", parameters: [on], responses: ["200": Response(description: "image/svg+xml", content: nil)])],
            "/log": get("操作日志", [query("module", "业务模块"), query("by", "操作人"), query("since", "起始日期")]),
            "/params": get("政策参数", [on]),
            "/calendar": get("工作日历", [query("year", "年份")]),
            "/login": [
                "get": Operation(summary: "登录页（表单带本页校验码，并以 Cookie 下发）", parameters: [query("next", "登录后返回的本站路径")],
                                 responses: ["200": Response(description: "登录表单", content: nil)]),
                "post": Operation(summary: "登录：表单字段 username、password、token、next", parameters: [],
                                  responses: ["303": Response(description: "已登录，转到 next；会话 Cookie 为 HttpOnly、SameSite=Strict", content: nil),
                                              "401": Response(description: "用户名或密码不正确"), "403": Response(description: "校验码或来源不符"),
                                              "429": Response(description: "失败次数过多，暂时锁定")]),
            ],
            "/logout": ["post": Operation(summary: "退出：表单字段 csrf（本次登录的校验码）", parameters: [],
                                          responses: ["303": Response(description: "会话已结束，转到 /login", content: nil), "403": Response(description: "校验码或来源不符")])],
            "/documents/{reference}/withdraw": ["post": Operation(summary: "撤回文件（文件角色）：表单字段 csrf、reason、confirm=1", parameters: [path("reference", "编号或文号")], responses: writeResponses)],
            "/documents/{reference}/restore": ["post": Operation(summary: "恢复已撤回的文件（文件角色）：表单字段 csrf、reason、confirm=1", parameters: [path("reference", "编号或文号")], responses: writeResponses)],
            "/accounts": get("账户一览（管理员角色）"),
            "/healthz": ["get": Operation(summary: "存储可读时返回 200", parameters: [], responses: ["200": Response(description: "ok", content: nil)])],
        ]
        for module in modules {
            paths["/modules/\(module.id)"] = get("业务模块 \(module.id)")
            for page in module.pages {
                // The page's HTML sorts and pages its first table so; its JSON is the whole report.
                paths["/modules/\(module.id)/\(page)"] = get("\(module.id) \(page)", [on, query("sort0", "按第几列排序，从 1 起"), query("desc0", "1：倒序"),
                                                                                      query("page0", "第几页"), query("size", "每页行数（10–1000，默认 50）")])
                paths["/modules/\(module.id)/\(page)/csv"] = ["get": Operation(summary: "\(module.id) \(page) 的表格（CSV 下载）", parameters: [on, query("table", "第几张表，从 0 起")],
                                                                            responses: ["200": Response(description: "text/csv", content: nil)])]
                paths["/modules/\(module.id)/\(page)/xlsx"] = ["get": Operation(summary: "\(module.id) \(page) 的表格（Excel 下载）", parameters: [on, query("table", "第几张表，从 0 起")],
                                                                             responses: ["200": Response(description: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", content: nil)])]
            }
        }
        for module in modules {
            for ledger in module.ledgers {
                let base = "/modules/\(module.id)/ledgers/\(ledger)"
                paths[base] = get("\(module.id) 台账 \(ledger)：有效记录（all=1 含已作废）", [query("all", "1：含已作废记录")])
                paths[base + "/{key}"] = get("\(module.id) 台账 \(ledger) 的一条记录，及更正、作废表单", [path("key", "记录编号"), query("logged", "刚写入的日志编号")], notFound: true)
                let write = [path("key", "记录编号")]
                let responses = ["303": Response(description: "已写入，转到记录页（?logged=日志编号）", content: nil), "401": Response(description: "尚未登录"),
                                 "403": Response(description: "校验码或来源不符，或账户没有本业务的经办角色"), "404": Response(description: "没有这条记录"),
                                 "409": Response(description: "表单打开后记录已被他人修改（返回记录现状）"),
                                 "422": Response(description: "某字段不符合规则（错误在该字段旁，所填内容保留）"), "503": Response(description: "存储正忙或磁盘已满，表单保留")]
                paths[base + "/{key}/amend"] = ["post": Operation(summary: "更正：表单字段 csrf、version、reason 及各字段的新值", parameters: write, responses: responses)]
                paths[base + "/{key}/void"] = ["post": Operation(summary: "作废：表单字段 csrf、version、reason、confirm=1", parameters: write, responses: responses)]
            }
        }
        for (base, actions) in modules.map({ ("/modules/\($0.id)", $0.actions) }) + shared {
            for action in actions {
                paths["\(base)/actions/\(action.path)"] = [
                    "get": Operation(summary: "\(action.title)：表单（字段可由查询参数预填）", parameters: action.fields.map { query($0, "预填") },
                                     responses: ["200": Response(description: "表单"), "401": Response(description: "尚未登录")]),
                    "post": Operation(summary: "\(action.title)：表单字段 csrf、" + action.fields.joined(separator: "、"), parameters: [], responses: [
                        "303": Response(description: "已写入，转到所记录的条目（?logged=日志编号）", content: nil),
                        "201": Response(description: "已写入（Accept: application/json）：summary、logged（日志编号）、href"), "401": Response(description: "尚未登录"),
                        "403": Response(description: "校验码或来源不符，或账户没有所需角色（业务的经办角色；名册维护为名册角色）"),
                        "422": Response(description: "某字段不符合规则（错误在该字段旁，所填内容保留）"), "503": Response(description: "存储正忙或磁盘已满，表单保留"),
                    ]),
                ]
            }
        }
        return Document(paths: paths)
    }
}
